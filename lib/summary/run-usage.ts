import { z } from "zod";
import { type LlmUsage, LlmUsageSchema } from "../model/refresh-meta.js";

/** Why a run stopped starting calls: its time budget ran out, or the daily token cap. */
export const SkipReasonSchema = z.enum(["time-budget", "token-cap"]);
export type SkipReason = z.infer<typeof SkipReasonSchema>;

/**
 * LLM use and outcome of one `summarisePapers` run: the refresh's record of it (`LlmUsage`)
 * before the model is named, with every count set.
 */
export const SummariseUsageSchema = LlmUsageSchema.omit({ model: true }).extend({
  summarised: LlmUsageSchema.shape.summarised.unwrap(),
  skippedReason: SkipReasonSchema.optional(),
});
export type SummariseUsage = z.infer<typeof SummariseUsageSchema>;

/** A run that has not called or found anything yet. */
export const emptyUsage = (): SummariseUsage => ({
  calls: 0,
  promptTokens: 0,
  completionTokens: 0,
  estimatedCostUsd: 0,
  cached: 0,
  summarised: 0,
  failed: 0,
  pending: 0,
});

/** The refresh's record of a run: its model named, and `carried` summaries the feeds already held counted as cached. */
export const refreshUsage = (model: string, usage: SummariseUsage, carried: number): LlmUsage => ({
  model,
  ...usage,
  cached: usage.cached + carried,
});
