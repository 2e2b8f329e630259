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
import { type EmbedResult, embedMissing } from "./embed-missing.js";
import { embeddingSource } from "./embedding-model.js";
import {
  type EmbeddingIndex,
  type EmbeddingKind,
  indexOf,
  packSet,
  StoredEmbeddingSetSchema,
} from "./embedding-set.js";
import { EMBEDDINGS_RECORD_KEY, embeddingSetKeys, modelTag, namedEmbeddingKey } from "./keys.js";
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

/** What the step leaves for ranking and the run's record. */
export interface RefreshEmbeddings {
  /** Ranks this run's feeds by the vectors (it declines where one is missing). */
  source: SimilaritySource;
  run: EmbeddingsRun;
}

/** The endpoint's answer for this run, or nothing when the endpoint is off. */
type Endpoint = { settings: EmbeddingsSettings; config: EmbeddingsConfig };

function endpointOf(settings: Settings): Endpoint | undefined {
  const { embeddings } = settings;
  const config = settings.config.embeddings;
  return embeddings && config ? { settings: embeddings, config } : undefined;
}

/**
 * Embeds each paper version of the window (this run's announcements and the stored pools, the
 * newest day first) and of the configured profile that has no vector yet, within
 * `embeddings.max_per_run` and `time_budget_seconds`, and stores the vectors: one set per day
 * slot beside the pools (same slots and TTL), the profile's papers by version. One read, one
 * write; a failure of the endpoint or the store keeps every stored vector and is recorded for
 * health. Undefined when embeddings are off or no feed is rebuilt.
 */
export async function refreshEmbeddings(
  input: RefreshEmbeddingsInput,
): Promise<RefreshEmbeddings | undefined> {
  const endpoint = endpointOf(input.settings);
  if (!endpoint) return undefined;
  if (!Object.values(input.announcements).some((announcement) => announcement.status === "ok"))
    return undefined;
  const days = poolDays(input.settings.config);
  const kind: EmbeddingKind = { model: endpoint.settings.model, dimensions: endpoint.settings.dimensions };
  const tag = modelTag(kind.model, kind.dimensions);
  const named = [...(input.named?.likes ?? []), ...(input.named?.dislikes ?? [])];
  const namedKeys = named.map((paper) => namedEmbeddingKey(tag, versionKey(paper)));
  const poolKeyList = poolKeys(ALL_FEED, days);
  const setKeys = embeddingSetKeys(days);
  let stored: unknown[];
  try {
    stored = await getEach(input.store, [...poolKeyList, ...setKeys, EMBEDDINGS_RECORD_KEY, ...namedKeys]);
  } catch (error) {
    input.log(
      `embeddings: the store could not be read (${(error as Error).name}); ranked by the local method`,
    );
    return undefined;
  }
  const storedSets = stored.slice(poolKeyList.length, poolKeyList.length + setKeys.length);
  const storedNamed = stored.slice(poolKeyList.length + setKeys.length + 1);
  const pools = poolKeyList.map((key, i) => ({ key, value: stored[i] }));
  const byDay = windowPapers(input.settings.config, input.announcements, pools, input.fallbackDay, days);
  const known = indexOf([...storedSets, ...storedNamed], kind);
  const newestFirst = [...byDay.keys()]
    .sort()
    .reverse()
    .flatMap((day) => byDay.get(day) ?? []);
  const result = await embedMissing([...newestFirst, ...named], known, clientFor(endpoint.settings), {
    batchSize: endpoint.config.batch_size,
    maxPapers: endpoint.config.max_per_run,
    deadline: machineNow() + endpoint.config.time_budget_seconds * 1000,
    timeoutMs: endpoint.config.timeout_seconds * 1000,
  });
  const all: EmbeddingIndex = new Map([...known, ...result.vectors]);
  const run = runOf(result, input.at);
  const record = addUse(recordFrom(stored[poolKeyList.length + setKeys.length]), result, {
    model: kind.model,
    at: input.at,
    where: "refresh",
    pricePerMillion: endpoint.config.price_per_million,
  });
  const entries: Record<string, unknown> = { [EMBEDDINGS_RECORD_KEY]: { ...record, lastRun: run } };
  const ttlSecondsByKey = daySetWrites(entries, byDay, all, storedSets, kind, days);
  const namedTtl = input.settings.config.summary_ttl_days * 86_400;
  named.forEach((paper, i) => {
    const key = versionKey(paper);
    const vector = result.vectors.get(key);
    if (!vector || !namedKeys[i]) return;
    entries[namedKeys[i]] = packSet(kind, new Map([[key, vector]]));
    ttlSecondsByKey[namedKeys[i]] = namedTtl;
  });
  await input.store.publish(entries, { ttlSecondsByKey }).catch((error: unknown) => {
    input.log(`embeddings: not stored (${(error as Error).name}); the next refresh embeds them again`);
  });
  logRun(input.log, run, result);
  const namedVectors = new Map(
    named.flatMap((paper) => {
      const vector = all.get(versionKey(paper));
      return vector ? [[paper.id, vector] as const] : [];
    }),
  );
  return { source: embeddingSource(all, namedVectors), run };
}

const clientFor = (settings: EmbeddingsSettings) => createEmbeddingsClient(settings);

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
    const key = embeddingSetKeys(days)[slot] as string;
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
