import { machineNow } from "../clock.js";
import type { EmbeddingFailure, EmbeddingsClient } from "./client.js";
import type { EmbeddingIndex } from "./embedding-set.js";
import { paperText, type VersionedPaper, versionKey } from "./paper-key.js";
import type { EmbeddingsUse } from "./usage.js";

/** A paper as embedding reads it. */
export interface EmbeddablePaper extends VersionedPaper {
  title: string;
  abstract: string;
}

/** How much one call may embed, and when it must stop. */
export interface EmbedLimits {
  /** Inputs per request. */
  batchSize: number;
  /** Paper versions embedded at most; the rest stay pending. */
  maxPapers: number;
  /** Machine-clock epoch ms after which no request starts (and none runs past). */
  deadline: number;
  /** Per-request timeout, ms. */
  timeoutMs: number;
}

/** Least time worth a request, ms. */
const MIN_CALL_MS = 200;

/** What embedding the missing papers did: the new vectors, and what it used. */
export interface EmbedResult extends EmbeddingsUse {
  vectors: Map<string, Int8Array>;
  /** Papers still without a vector. */
  pending: number;
  /** Papers whose vector was known already. */
  cached: number;
}

/**
 * Embeds each paper version of `papers` that `known` lacks, once, in order (put the most wanted
 * first), in requests of `batchSize`, within `limits`. The first failed request ends the call
 * (a down or rate-limited endpoint is not asked again and again); vectors had until then are
 * kept. A vector the answer refused (wrong length, not finite) stays pending and is reported.
 */
export async function embedMissing(
  papers: readonly EmbeddablePaper[],
  known: ReadonlyMap<string, Int8Array> | EmbeddingIndex,
  client: EmbeddingsClient,
  limits: EmbedLimits,
): Promise<EmbedResult> {
  const missing = new Map<string, EmbeddablePaper>();
  const cached = new Set<string>();
  for (const paper of papers) {
    const key = versionKey(paper);
    if (known.has(key)) cached.add(key);
    else missing.set(key, paper);
  }
  const todo = [...missing].slice(0, limits.maxPapers);
  const result: EmbedResult = {
    vectors: new Map(),
    pending: 0,
    cached: cached.size,
    embedded: 0,
    requests: 0,
    tokens: 0,
  };
  for (let start = 0; start < todo.length; start += limits.batchSize) {
    const left = limits.deadline - machineNow();
    if (left < MIN_CALL_MS) break;
    const batch = todo.slice(start, start + limits.batchSize);
    result.requests++;
    const outcome = await client.embed(
      batch.map(([, paper]) => paperText(paper)),
      Math.min(limits.timeoutMs, left),
    );
    if (!outcome.ok) {
      result.failure = outcome.failure;
      break;
    }
    result.tokens += outcome.tokens;
    batch.forEach(([key], k) => {
      const vector = outcome.vectors[k];
      if (vector) result.vectors.set(key, vector);
    });
    if (outcome.refused > 0) result.failure = refusedFailure(outcome.refused, batch.length);
  }
  result.embedded = result.vectors.size;
  result.pending = missing.size - result.embedded;
  return result;
}

const refusedFailure = (refused: number, asked: number): EmbeddingFailure => ({
  kind: "malformed",
  message: `${refused} of ${asked} vectors refused (missing, of another length or not finite)`,
});
