import { mergeById } from "../model/merge-by-id.js";
import type { RankedPaper } from "../model/snapshot.js";
import type { Summary } from "../model/summary.js";
import { byScoreThenId } from "../rank/rank-papers.js";

/**
 * The papers that deserve a summary: for each announcement day (newest first), `perDay` papers
 * (the daily budget, so the cost stays capped): first the top `perFeed` of every feed, taken rank
 * by rank across feeds so each feed's best goes first, then the best-scored of all feeds. With
 * `perFeed` 0 it is the day's `perDay` best of all feeds combined, which can leave a category's
 * feed almost without summaries. Papers that already have one are included too, so a stored
 * summary is found again; papers that failed are retried on every run of their window.
 */
export function summaryCandidates(
  feeds: Iterable<readonly RankedPaper[]>,
  perDay: number,
  perFeed?: number,
): RankedPaper[] {
  const lists = [...feeds];
  const share = perFeed ?? defaultPerFeed(perDay, lists.length);
  const days = [...new Set(lists.flat().map((paper) => paper.announced))].sort().reverse();
  return days.flatMap((day) => {
    const ofDay = lists.map((papers) =>
      papers.filter((paper) => paper.announced === day).sort(byScoreThenId),
    );
    return pickForDay(ofDay, perDay, share);
  });
}

/** The default `per_feed`: the daily budget shared evenly by the feeds (at least 1 when there is a budget). */
export function defaultPerFeed(perDay: number, feedCount: number): number {
  if (perDay === 0 || feedCount === 0) return 0;
  return Math.max(1, Math.floor(perDay / feedCount));
}

/** Up to `budget` distinct papers of one day: each feed's top `perFeed` rank by rank, then the best overall. */
function pickForDay(feeds: readonly RankedPaper[][], budget: number, perFeed: number): RankedPaper[] {
  const byRank: RankedPaper[] = [];
  for (let rank = 0; rank < perFeed; rank++)
    byRank.push(...feeds.flatMap((papers) => papers.slice(rank, rank + 1)));
  const best = feeds.flat().sort(byScoreThenId);
  return mergeById([byRank, best], { keep: "first" }).slice(0, budget);
}

/** `2601.00001v2`: summaries belong to one version of a paper. */
export const versionKey = (paper: { id: string; version: number }) => `${paper.id}v${paper.version}`;

/** Whether a paper carries a summary written under the settings `settingsId` names. */
export const hasSummaryFor = (paper: RankedPaper, settingsId: string): boolean =>
  paper.summary?.settingsId === settingsId;

/**
 * Puts this run's summaries (keyed by `versionKey`) on the papers of that version. With
 * `settingsId` (today's summary settings), a summary carried from an earlier run under other
 * settings is dropped: a reader who switched to `zh` or another model sees no summary rather than
 * the old one until the new one is written (usually the next run, within the same budgets).
 */
export function withSummaries(
  papers: readonly RankedPaper[],
  summaries: ReadonlyMap<string, Summary>,
  settingsId?: string,
): RankedPaper[] {
  return papers.map((paper) => {
    const summary = summaries.get(versionKey(paper));
    if (summary) return { ...paper, summary };
    if (!paper.summary || settingsId === undefined || hasSummaryFor(paper, settingsId)) return paper;
    const { summary: _stale, ...rest } = paper;
    return rest;
  });
}
