import { z } from "zod";
import { ProfileReportSchema } from "./profile-missing.js";

/**
 * A category whose feed arXiv left behind: it serves an older announcement (or an older build)
 * than the other categories, after being fetched again on its own. Days are `YYYY-MM-DD`.
 */
export const CategoryLagSchema = z.object({
  /** The day the category's feed serves. */
  serves: z.string(),
  /** The day the other categories serve. */
  current: z.string(),
});
export type CategoryLag = z.infer<typeof CategoryLagSchema>;

/** How one category's fetch went in a refresh. */
export const CategoryReportSchema = z.object({
  status: z.enum(["ok", "empty", "error"]),
  url: z.string(),
  /** Papers arXiv listed for the category. */
  parsed: z.number().int(),
  /** Papers the category feed holds after this refresh. */
  kept: z.number().int(),
  builtAt: z.string().optional(),
  announced: z.string().optional(),
  /** What went wrong, for `error` (never contains secrets). */
  error: z.string().optional(),
  /** Set when arXiv still served an older day for this category than for the others. */
  behind: CategoryLagSchema.optional(),
});
export type CategoryReport = z.infer<typeof CategoryReportSchema>;

/** LLM use of a refresh. */
export const LlmUsageSchema = z.object({
  model: z.string(),
  /** HTTP requests to the LLM, retries and JSON-mode fallbacks included. */
  calls: z.number().int(),
  promptTokens: z.number().int(),
  completionTokens: z.number().int(),
  /** From the configured prices per million tokens, USD. */
  estimatedCostUsd: z.number(),
  /** Summaries written by the LLM in this run. */
  summarised: z.number().int().optional(),
  /** Summaries taken from the store instead of the LLM. */
  cached: z.number().int(),
  /** Papers whose summary failed this run (retried next run). */
  failed: z.number().int(),
  /** Papers still waiting for a summary (time budget, token cap, failures). */
  pending: z.number().int(),
  /** Why calls stopped early, if they did (`time-budget`, `token-cap`). */
  skippedReason: z.string().optional(),
});
export type LlmUsage = z.infer<typeof LlmUsageSchema>;

/**
 * `ok`: every category fetched; `partial`: some failed (their feeds kept the previous data);
 * `failed`: none could be fetched; `no-announcement`: arXiv's feeds were empty (weekend, holiday).
 */
export const RefreshStatusSchema = z.enum(["ok", "partial", "failed", "no-announcement"]);

/** The record of the last refresh (`meta:refresh`), what the health endpoint reports. */
export const RefreshMetaSchema = z.object({
  version: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number(),
  status: RefreshStatusSchema,
  /** Newest announcement date any feed holds. */
  announced: z.string().optional(),
  categories: z.record(z.string(), CategoryReportSchema),
  /** Papers per feed after the refresh. */
  feeds: z.record(z.string(), z.number().int()),
  arxivRequests: z.number().int(),
  llm: LlmUsageSchema.optional(),
  /** When the last refresh with status ok or partial finished. */
  lastSuccessAt: z.string().optional(),
  /** config.json's `profile` as this refresh resolved it; absent without one. */
  profile: ProfileReportSchema.optional(),
});
export type RefreshMeta = z.infer<typeof RefreshMetaSchema>;
