import { z } from "zod";
import type { AiSummaryConfig } from "../config/schema.js";
import { usageKey } from "../store/keys.js";
import type { Store } from "../store/types.js";

/** Prices of the cost estimate, USD per million tokens (from `ai_summary`). */
export type TokenPrices = Pick<AiSummaryConfig, "input_price_per_million" | "output_price_per_million">;

/** Tokens an LLM reported. */
export interface TokenCounts {
  promptTokens: number;
  completionTokens: number;
}

/** Estimated cost in USD, rounded to a millionth of a dollar. */
export function estimateCostUsd(tokens: TokenCounts, prices: TokenPrices): number {
  const cost =
    (tokens.promptTokens * prices.input_price_per_million +
      tokens.completionTokens * prices.output_price_per_million) /
    1_000_000;
  return Math.round(cost * 1_000_000) / 1_000_000;
}

/** LLM use of one UTC day, kept under `usage:<YYYY-MM-DD>` for the daily token cap and status pages. */
export const DailyUsageSchema = z.object({
  /** `YYYY-MM-DD`, UTC. */
  date: z.string(),
  /** HTTP requests to the LLM, retries included. */
  calls: z.number().int().nonnegative(),
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  estimatedCostUsd: z.number().nonnegative(),
});
export type DailyUsage = z.infer<typeof DailyUsageSchema>;

/** Days a daily usage record is kept. */
const DAILY_USAGE_TTL_SECONDS = 35 * 86_400;

/** `YYYY-MM-DD` of an epoch-ms time, UTC. */
export const utcDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** A day's record from what the store held (anything unreadable counts as an empty day). */
export function dailyUsageFrom(stored: unknown, date: string): DailyUsage {
  const parsed = DailyUsageSchema.safeParse(stored);
  if (parsed.success && parsed.data.date === date) return parsed.data;
  return { date, calls: 0, promptTokens: 0, completionTokens: 0, estimatedCostUsd: 0 };
}

/** Adds one call's tokens (and its requests) to a day's record. */
function addUsage(day: DailyUsage, tokens: TokenCounts, calls: number, prices: TokenPrices): DailyUsage {
  const promptTokens = day.promptTokens + tokens.promptTokens;
  const completionTokens = day.completionTokens + tokens.completionTokens;
  return {
    date: day.date,
    calls: day.calls + calls,
    promptTokens,
    completionTokens,
    estimatedCostUsd: estimateCostUsd({ promptTokens, completionTokens }, prices),
  };
}

/**
 * Keeps a day's usage: `record` updates it in memory at once (so the cap check sees it) and
 * `flush` writes it to the store once, at the end of the run (one write, not one per summary). A
 * failed write is reported to `onError`, never thrown. Runs are serialised by the refresh lock,
 * so a read-modify-write is enough.
 */
export function createDailyUsageMeter(options: {
  store: Store;
  initial: DailyUsage;
  prices: TokenPrices;
  onError?: (error: unknown) => void;
}) {
  let day = options.initial;
  let dirty = false;
  const key = usageKey(day.date);
  return {
    /** Today's total tokens, this run included. */
    tokens: () => day.promptTokens + day.completionTokens,
    record(tokens: TokenCounts, calls: number): void {
      day = addUsage(day, tokens, calls, options.prices);
      dirty = true;
    },
    /** Writes the day's record if this run changed it. */
    flush: async (): Promise<void> => {
      if (!dirty) return;
      dirty = false;
      await options.store
        .set(key, day, { ttlSeconds: DAILY_USAGE_TTL_SECONDS })
        .catch((error: unknown) => options.onError?.(error));
    },
  };
}
