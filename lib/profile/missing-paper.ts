import { z } from "zod";

/**
 * Why a named paper is not among the resolved ones:
 * - `unknown`: arXiv's API has no paper with this id (asked again after the marker expires);
 * - `malformed`: arXiv refused the id as malformed;
 * - `pending`: not looked up yet (the deployment-wide gate was busy, the wait budget ran out, or
 *   the store could not be read); a later request looks it up;
 * - `unavailable`: arXiv's API failed when asked (429, 503, timeout, malformed answer); asked again later.
 */
export const MissingReasonSchema = z.enum(["unknown", "malformed", "pending", "unavailable"]);
export type MissingReason = z.infer<typeof MissingReasonSchema>;

/** A named paper that could not be resolved (yet), with a sentence a feed notice can print. */
export interface MissingPaper {
  /** Canonical id, `2601.20273`. */
  id: string;
  reason: MissingReason;
  /** `2601.99999: arXiv has no paper with this id`. */
  message: string;
}

/** A missing paper; `detail` says what happened (`HTTP 503`, `the gate was busy`). */
export function missingPaper(id: string, reason: MissingReason, detail?: string): MissingPaper {
  const why = detail ? ` (${detail})` : "";
  const text: Record<MissingReason, string> = {
    unknown: "arXiv has no paper with this id",
    malformed: `arXiv refused this id as malformed${why}`,
    pending: `not looked up yet${why}, a later request will`,
    unavailable: `arXiv's API failed${why}, asked again later`,
  };
  return { id, reason, message: `${id}: ${text[reason]}` };
}

/**
 * One line for a feed's notice item, or undefined when nothing is missing:
 * `2 named papers are not used yet: 2601.99999: arXiv has no paper with this id; …`.
 */
export function describeMissing(missing: readonly MissingPaper[]): string | undefined {
  if (missing.length === 0) return undefined;
  const count = missing.length === 1 ? "1 named paper is" : `${missing.length} named papers are`;
  return `${count} not used yet: ${missing.map((m) => m.message).join("; ")}.`;
}
