import { z } from "zod";
import { type RefreshMeta, RefreshStatusSchema } from "./refresh-meta.js";

/**
 * The last refresh attempt (`meta:attempt`), published or not. A run that publishes writes it in
 * the same atomic write as its `meta:refresh`; a run that throws, or whose publish the store
 * refuses, writes it alone afterwards (best effort), so health never shows a stale success.
 */
export const RefreshAttemptSchema = z.object({
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number(),
  /**
   * The published run's status (`RefreshMeta.status`), or `error`: the run threw or the store
   * refused its publish, so nothing of it was published and the feeds are the previous run's.
   */
  status: z.enum([...RefreshStatusSchema.options, "error"]),
  /** What went wrong (never contains secrets), null when nothing did. */
  error: z.string().nullable(),
});
export type RefreshAttempt = z.infer<typeof RefreshAttemptSchema>;

/** Longest error text an attempt keeps, characters (the key stays small). */
export const ATTEMPT_ERROR_MAX = 500;

/** `text` cut to ATTEMPT_ERROR_MAX with a visible "…". */
export const clipError = (text: string): string =>
  text.length > ATTEMPT_ERROR_MAX ? `${text.slice(0, ATTEMPT_ERROR_MAX - 1)}…` : text;

/** The attempt a published run record stands for: its failed categories' errors, if any. */
export function attemptOf(meta: RefreshMeta): RefreshAttempt {
  const errors = Object.entries(meta.categories).flatMap(([name, report]) =>
    report.status === "error" ? [`${name}: ${report.error ?? "failed"}`] : [],
  );
  return {
    startedAt: meta.startedAt,
    finishedAt: meta.finishedAt,
    durationMs: meta.durationMs,
    status: meta.status,
    error: errors.length ? clipError(errors.join("; ")) : null,
  };
}
