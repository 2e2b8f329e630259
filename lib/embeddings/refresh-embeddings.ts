import type { CategoryAnnouncement } from "../arxiv/fetch-announcements.js";
import { machineNow } from "../clock.js";
import type { EmbeddingsConfig } from "../config/schema.js";
import type { EmbeddingsSettings, Settings } from "../config/settings.js";
import { ALL_FEED } from "../model/snapshot.js";
import { poolDays, poolKeys, poolSlot, poolTtlSeconds } from "../pools/slots.js";
import type { NamedPaper } from "../profile/named-paper.js";
import type { SimilaritySource } from "../rank/similarity/rank-with-profile.js";
import { getEach } from "../store/get-each.js";
import type { Store } from "../store/types.js";
import { createEmbeddingsClient } from "./client.js";
import { type EmbeddablePaper, type EmbedResult, embedMissing } from "./embed-missing.js";
import { embeddingSource } from "./embedding-model.js";
import {
  type EmbeddingIndex,
  type EmbeddingKind,
  indexOf,
  namedSets,
  packSet,
  StoredEmbeddingSetSchema,
} from "./embedding-set.js";
import {
  EMBEDDINGS_RECORD_KEY,
  embeddingSetKey,
  embeddingSetKeys,
  modelTag,
  namedEmbeddingKey,
} from "./keys.js";
import { versionKey } from "./paper-key.js";
import { addUse, type EmbeddingsRun, recordFrom } from "./usage.js";
import { type PapersByDay, windowPapers } from "./window-papers.js";

/** What a refresh's embedding step reads: this run's papers, the configured profile's, the clocks. */
export interface RefreshEmbeddingsInput {
  settings: Settings;
  store: Store;
  announcements: Readonly<Record<string, CategoryAnnouncement>>;
  /** config.json's profile as this run resolved it. */
  named: { likes: readonly NamedPaper[]; dislikes: readonly NamedPaper[] } | undefined;
  /** The day of an announcement that names none (`YYYY-MM-DD`). */
  fallbackDay: string;
  /** The run's calendar time, ISO 8601, for the record. */
  at: string;
  log: (line: string) => void;
}

/** The endpoint's answer for this run, or nothing when the endpoint is off. */
type Endpoint = { settings: EmbeddingsSettings; config: EmbeddingsConfig };

function endpointOf(settings: Settings): Endpoint | undefined {
  const { embeddings } = settings;
  const config = settings.config.embeddings;
  return embeddings && config ? { settings: embeddings, config } : undefined;
}

/** What the store holds for this run: the window's papers by day, the vectors had, the record. */
interface StoredState {
  byDay: PapersByDay;
  known: EmbeddingIndex;
  /** The day sets as read, in slot order. */
  sets: unknown[];
  record: unknown;
}

/** The run's one read: the combined feed's pools, the day sets, the record and the profile's vectors. */
async function readState(
  input: RefreshEmbeddingsInput,
  kind: EmbeddingKind,
  namedKeys: readonly string[],
): Promise<StoredState> {
  const days = poolDays(input.settings.config);
  const pools = poolKeys(ALL_FEED, days);
  const setKeys = embeddingSetKeys(days);
  const stored = await getEach(input.store, [...pools, ...setKeys, EMBEDDINGS_RECORD_KEY, ...namedKeys]);
  const sets = stored.slice(pools.length, pools.length + setKeys.length);
  const storedPools = pools.map((key, i) => ({ key, value: stored[i] }));
  const { config } = input.settings;
  return {
    byDay: windowPapers(config, input.announcements, storedPools, input.fallbackDay, days),
    known: indexOf([...sets, ...stored.slice(pools.length + setKeys.length + 1)], kind),
    sets,
    record: stored[pools.length + setKeys.length],
  };
}

/** The window's papers, the newest day first (embedded first when `max_per_run` bites), then the profile's. */
function wantedPapers(byDay: PapersByDay, named: readonly NamedPaper[]): EmbeddablePaper[] {
  const days = [...byDay.keys()].sort().reverse();
  return [...days.flatMap((day) => byDay.get(day) ?? []), ...named];
}

/**
 * Embeds each paper version of the window (this run's announcements and the stored pools, the
 * newest day first) and of the configured profile that has no vector yet, within
 * `embeddings.max_per_run` and `time_budget_seconds`, and stores the vectors: one set per day
 * slot beside the pools (same slots and TTL), the profile's papers by id (the version in the
 * value). One read, one write; a failure of the endpoint or the store keeps every stored vector
 * and is recorded for health. Returns the similarity source that ranks this run's feeds by the
 * vectors (it declines where one is missing); undefined when embeddings are off. Called only
 * by a run that rebuilds a feed (run-refresh's similarityStep).
 */
export async function refreshEmbeddings(
  input: RefreshEmbeddingsInput,
): Promise<SimilaritySource | undefined> {
  const endpoint = endpointOf(input.settings);
  if (!endpoint) return undefined;
  const kind: EmbeddingKind = { model: endpoint.settings.model, dimensions: endpoint.settings.dimensions };
  const named = [...(input.named?.likes ?? []), ...(input.named?.dislikes ?? [])];
  const tag = modelTag(kind.model, kind.dimensions);
  const namedKeys = named.map((paper) => namedEmbeddingKey(tag, paper.id));
  let state: StoredState;
  try {
    state = await readState(input, kind, namedKeys);
  } catch (error) {
    input.log(
      `embeddings: the store could not be read (${(error as Error).name}); ranked by the local method`,
    );
    return undefined;
  }
  const result = await embedMissing(
    wantedPapers(state.byDay, named),
    state.known,
    createEmbeddingsClient(endpoint.settings),
    {
      batchSize: endpoint.config.batch_size,
      maxPapers: endpoint.config.max_per_run,
      deadline: machineNow() + endpoint.config.time_budget_seconds * 1000,
      timeoutMs: endpoint.config.timeout_seconds * 1000,
    },
  );
  const all: EmbeddingIndex = new Map([...state.known, ...result.vectors]);
  const run = runOf(result, input.at);
  await writeVectors(input, { endpoint, kind, state, result, run, named, all });
  logRun(input.log, run, result);
  const namedVectors = new Map(
    named.flatMap((paper) => {
      const vector = all.get(versionKey(paper));
      return vector ? [[paper.id, vector] as const] : [];
    }),
  );
  return embeddingSource(all, namedVectors);
}

/** What a run learnt, to be written in one publish. */
interface RunWrites {
  endpoint: Endpoint;
  kind: EmbeddingKind;
  state: StoredState;
  result: EmbedResult;
  run: EmbeddingsRun;
  named: readonly NamedPaper[];
  all: EmbeddingIndex;
}

/**
 * The record with this run's use, the day sets that changed (the pools' TTL) and the profile's
 * new vectors (the summary TTL), in one publish; a refused write is logged, never thrown. The
 * record is the one read before embedding: a request's counts written meanwhile are lost (see
 * `recordRequestUse`).
 */
async function writeVectors(input: RefreshEmbeddingsInput, writes: RunWrites): Promise<void> {
  const { kind, state, result } = writes;
  const record = addUse(recordFrom(state.record), result, {
    model: kind.model,
    at: input.at,
    where: "refresh",
    pricePerMillion: writes.endpoint.config.price_per_million,
  });
  const entries: Record<string, unknown> = { [EMBEDDINGS_RECORD_KEY]: { ...record, lastRun: writes.run } };
  const days = poolDays(input.settings.config);
  const ttlSecondsByKey = daySetWrites(entries, state.byDay, writes.all, state.sets, kind, days);
  const namedTtl = input.settings.config.summary_ttl_days * 86_400;
  for (const [key, set] of Object.entries(namedSets(kind, writes.named, result.vectors))) {
    entries[key] = set;
    ttlSecondsByKey[key] = namedTtl;
  }
  await input.store.publish(entries, { ttlSecondsByKey }).catch((error: unknown) => {
    input.log(`embeddings: not stored (${(error as Error).name}); the next refresh embeds them again`);
  });
}

const runOf = (result: EmbedResult, at: string): EmbeddingsRun => ({
  at,
  embedded: result.embedded,
  cached: result.cached,
  pending: result.pending,
  requests: result.requests,
  tokens: result.tokens,
});

/**
 * Puts in `entries` the set of each window day whose stored set (its slot's) lacks some of the
 * day's vectors or is another day's or model's; returns their TTLs (the pools').
 */
function daySetWrites(
  entries: Record<string, unknown>,
  byDay: PapersByDay,
  all: EmbeddingIndex,
  storedSets: readonly unknown[],
  kind: EmbeddingKind,
  days: number,
): Record<string, number> {
  const ttl: Record<string, number> = {};
  for (const [day, papers] of byDay) {
    const slot = poolSlot(day, days);
    const vectors = new Map<string, Int8Array>();
    for (const paper of papers) {
      const key = versionKey(paper);
      const vector = all.get(key);
      if (vector) vectors.set(key, vector);
    }
    if (vectors.size === 0 || holdsAll(storedSets[slot], day, kind, vectors)) continue;
    const key = embeddingSetKey(slot);
    entries[key] = packSet(kind, vectors, day);
    ttl[key] = poolTtlSeconds(days);
  }
  return ttl;
}

/** Whether a stored set is `day`'s, of `kind`, with every one of `vectors`. */
function holdsAll(
  stored: unknown,
  day: string,
  kind: EmbeddingKind,
  vectors: ReadonlyMap<string, Int8Array>,
) {
  const parsed = StoredEmbeddingSetSchema.safeParse(stored);
  if (!parsed.success) return false;
  const set = parsed.data;
  if (set.day !== day || set.model !== kind.model || set.dimensions !== kind.dimensions) return false;
  const ids = new Set(set.ids);
  return [...vectors.keys()].every((key) => ids.has(key));
}

function logRun(log: (line: string) => void, run: EmbeddingsRun, result: EmbedResult): void {
  const failure = result.failure ? `; ${result.failure.message}` : "";
  log(
    `embeddings: ${run.embedded} embedded, ${run.cached} stored already, ${run.pending} pending (${run.requests} requests, ${run.tokens} tokens)${failure}`,
  );
}
