import { machineNow } from "../clock.js";
import type { Settings } from "../config/settings.js";
import type { NamedPaper } from "../profile/named-paper.js";
import type { SimilaritySource } from "../rank/similarity/rank-with-profile.js";
import type { Store } from "../store/types.js";
import { createEmbeddingsClient } from "./client.js";
import { embedMissing } from "./embed-missing.js";
import { embeddingSource } from "./embedding-model.js";
import { type EmbeddingIndex, type EmbeddingKind, indexOf, namedSets } from "./embedding-set.js";
import { versionKey } from "./paper-key.js";
import { recordRequestUse } from "./usage.js";

/** Least time left worth a request to the endpoint, ms. */
const MIN_CALL_MS = 300;

/** What a feed request ranks with embeddings: the window's vectors and the papers it names. */
export interface RequestSourceInput {
  settings: Settings;
  store: Store;
  /** The served window's vectors. */
  window: EmbeddingIndex;
  /** The stored vectors of named papers outside the window (`namedEmbeddingKey`), read with their cache. */
  stored: Iterable<unknown>;
  likes: readonly NamedPaper[];
  dislikes: readonly NamedPaper[];
  /** Machine-clock epoch ms by which the request stops waiting (its FEED_WAIT_BUDGET_MS). */
  deadline: number;
  /** Runs once before the first request to the endpoint (counts the personal limit; may throw its 429). */
  beforeCall: () => Promise<void>;
  /** The request's calendar time, ISO 8601, for health's record. */
  at: string;
}

/**
 * The embeddings similarity of a request, or undefined for the local one: the named papers'
 * vectors from the window, then from `stored` (read with the named papers' cache, no read of its
 * own), then, for those still missing and only within the request's remaining wait budget, one
 * request to the endpoint (cached for the summary TTL). A stored vector counts only for the
 * version named. Never throws for the store or the endpoint: anything missing means the local
 * method, and a failure is recorded for health.
 */
export async function requestSource(input: RequestSourceInput): Promise<SimilaritySource | undefined> {
  const config = input.settings.config.embeddings;
  if (!config) return undefined;
  const kind: EmbeddingKind = { model: config.model, dimensions: config.dimensions };
  const named = [...input.likes, ...input.dislikes];
  const vectors = new Map<string, Int8Array>();
  const take = (index: ReadonlyMap<string, Int8Array>) => {
    for (const paper of named) {
      const vector = index.get(versionKey(paper));
      if (vector) vectors.set(paper.id, vector);
    }
  };
  take(input.window);
  take(indexOf([...input.stored], kind));
  const rest = named.filter((paper) => !vectors.has(paper.id));
  if (rest.length) take(await embedNamed(input, rest, kind));
  if (named.some((paper) => !vectors.has(paper.id))) return undefined;
  return embeddingSource(input.window, vectors);
}

/** One bounded request for the named papers the store lacks; what it gave is cached and counted. */
async function embedNamed(
  input: RequestSourceInput,
  papers: readonly NamedPaper[],
  kind: EmbeddingKind,
): Promise<EmbeddingIndex> {
  const { embeddings } = input.settings;
  const config = input.settings.config.embeddings;
  if (!embeddings || !config || input.deadline - machineNow() < MIN_CALL_MS) return new Map();
  await input.beforeCall();
  const result = await embedMissing(papers, new Map(), createEmbeddingsClient(embeddings), {
    batchSize: papers.length,
    maxPapers: papers.length,
    deadline: input.deadline,
    timeoutMs: config.timeout_seconds * 1000,
  });
  const entries = namedSets(kind, papers, result.vectors);
  const ttlSeconds = input.settings.config.summary_ttl_days * 86_400;
  // Not cached is only slower: the next request embeds them again.
  if (result.vectors.size) await input.store.publish(entries, { ttlSeconds }).catch(() => {});
  await recordRequestUse(input.store, result, {
    model: kind.model,
    at: input.at,
    where: "request",
    pricePerMillion: config.price_per_million,
  });
  return result.vectors;
}
