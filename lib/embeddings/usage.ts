import { z } from "zod";
import type { Store } from "../store/types.js";
import type { EmbeddingFailure } from "./client.js";
import { EMBEDDINGS_RECORD_KEY } from "./keys.js";

/** The last failure of the endpoint, where it happened, for health. */
export const EmbeddingFailureRecordSchema = z.object({
  /** ISO 8601. */
  at: z.string(),
  /** A refresh, or a feed request embedding papers it names (`like=`). */
  where: z.enum(["refresh", "request"]),
  kind: z.enum(["timeout", "connection", "http", "too-large", "malformed"]),
  status: z.number().int().optional(),
  /** `POST https://host/v1/embeddings: HTTP 503` (never the key). */
  message: z.string().max(300),
});
export type EmbeddingFailureRecord = z.infer<typeof EmbeddingFailureRecordSchema>;

/** What the last refresh did with the window's papers. */
export const EmbeddingsRunSchema = z.object({
  at: z.string(),
  /** Paper versions embedded by this run. */
  embedded: z.number().int().nonnegative(),
  /** Window and profile papers whose vector was stored already. */
  cached: z.number().int().nonnegative(),
  /** Window and profile papers still without a vector (the bound per run, or a failure): ranked by the local method until they have one. */
  pending: z.number().int().nonnegative(),
  requests: z.number().int().nonnegative(),
  tokens: z.number().int().nonnegative(),
});
export type EmbeddingsRun = z.infer<typeof EmbeddingsRunSchema>;

/** Running totals of embeddings use (`meta:embeddings`), refreshes and feed requests together. */
export const EmbeddingsRecordSchema = z.object({
  model: z.string(),
  /** When these totals started (ISO 8601). */
  since: z.string(),
  /** Paper versions embedded. */
  embedded: z.number().int().nonnegative(),
  /** HTTP requests to the endpoint, failed ones included. */
  requests: z.number().int().nonnegative(),
  /** Input tokens the endpoint reported. */
  tokens: z.number().int().nonnegative(),
  /** From `embeddings.price_per_million`, USD. */
  estimatedCostUsd: z.number().nonnegative(),
  lastRun: EmbeddingsRunSchema.nullable(),
  lastFailure: EmbeddingFailureRecordSchema.nullable(),
});
export type EmbeddingsRecord = z.infer<typeof EmbeddingsRecordSchema>;

/** Health's view of embeddings (`/api/health`'s `embeddings`; null there when not configured). */
export const EmbeddingsHealthSchema = z.object({
  enabled: z.boolean().describe("config.json's embeddings is set and so is its key"),
  model: z.string(),
  usage: EmbeddingsRecordSchema.nullable().describe(
    "running totals (papers embedded, requests, tokens, estimated cost), the last refresh's run and the endpoint's last failure; null before the first use",
  ),
});
export type EmbeddingsHealth = z.infer<typeof EmbeddingsHealthSchema>;

/** What one refresh or request used. */
export interface EmbeddingsUse {
  embedded: number;
  requests: number;
  tokens: number;
  failure?: EmbeddingFailure;
}

/** The stored record, or undefined when absent or of another shape (totals then start again). */
export function recordFrom(stored: unknown): EmbeddingsRecord | undefined {
  const parsed = EmbeddingsRecordSchema.safeParse(stored);
  return parsed.success ? parsed.data : undefined;
}

/** `record` with `use` added; the totals start again when the model changed. */
export function addUse(
  record: EmbeddingsRecord | undefined,
  use: EmbeddingsUse,
  context: { model: string; at: string; where: EmbeddingFailureRecord["where"]; pricePerMillion: number },
): EmbeddingsRecord {
  const base: EmbeddingsRecord =
    record?.model === context.model
      ? record
      : {
          model: context.model,
          since: context.at,
          embedded: 0,
          requests: 0,
          tokens: 0,
          estimatedCostUsd: 0,
          lastRun: null,
          lastFailure: null,
        };
  const tokens = base.tokens + use.tokens;
  const failure = use.failure && { at: context.at, where: context.where, ...use.failure };
  return {
    ...base,
    embedded: base.embedded + use.embedded,
    requests: base.requests + use.requests,
    tokens,
    estimatedCostUsd: Math.round(tokens * context.pricePerMillion) / 1_000_000,
    lastFailure: failure ?? base.lastFailure,
  };
}

/**
 * Adds a feed request's use to the stored record (read, add, write): best effort. Two writers at
 * once may lose one's counts: two requests that both embedded, or a request that embedded while
 * a refresh ran (the refresh adds its use to the record it read before embedding). The store
 * offers no atomic increment, and a lock (as votes take, lib/feedback/store-lock.ts) would cost
 * every such request two more commands and a wait, and the refresh one held for its whole
 * embedding run, for figures only health shows; so counts may be low, never high.
 */
export async function recordRequestUse(
  store: Store,
  use: EmbeddingsUse,
  context: Parameters<typeof addUse>[2],
): Promise<void> {
  if (use.requests === 0) return;
  try {
    const stored = await store.get(EMBEDDINGS_RECORD_KEY);
    await store.set(EMBEDDINGS_RECORD_KEY, addUse(recordFrom(stored), use, context));
  } catch {
    // Health then misses this request's counts; the ranking is unaffected.
  }
}
