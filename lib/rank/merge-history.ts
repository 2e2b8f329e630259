import { mergeById } from "../model/merge-by-id.js";
import type { RankedPaper } from "../model/snapshot.js";
import { byScoreThenId } from "./rank-papers.js";

/** How much history a feed keeps. */
export interface RetentionRules {
  /** Announcement days kept, counting the newest announcement as day 1. */
  daysBack: number;
  /** Most papers kept. */
  maxPapers: number;
}

const DAY_MS = 86_400_000;

/**
 * Merges a refresh's ranked papers into what a feed already holds: one entry per arXiv id
 * (the fresh one wins, keeping a stored summary when the version is unchanged), only papers
 * announced within `daysBack` days of `today`, newest announcement first and by score within a
 * day, at most `maxPapers`. Pure.
 */
export function mergeHistory(
  previous: readonly RankedPaper[],
  fresh: readonly RankedPaper[],
  today: string,
  rules: RetentionRules,
): RankedPaper[] {
  const merged = mergeById([previous, fresh], { keep: "last", sameVersion: withKeptSummary });
  const oldest = Date.parse(today) - (rules.daysBack - 1) * DAY_MS;
  return merged
    .filter((paper) => Date.parse(paper.announced) >= oldest)
    .sort((a, b) => (a.announced < b.announced ? 1 : a.announced > b.announced ? -1 : byScoreThenId(a, b)))
    .slice(0, rules.maxPapers);
}

/** The fresh copy, with the stored summary when it has none of its own (same version). */
function withKeptSummary(old: RankedPaper, fresh: RankedPaper): RankedPaper {
  const summary = fresh.summary ?? old.summary;
  return summary ? { ...fresh, summary } : fresh;
}
