import type { RankedPaper } from "../model/snapshot.js";
import type { Summary } from "../model/summary.js";
import { byScoreThenId } from "../rank/rank-papers.js";

/**
 * The papers that deserve a summary: across all feeds, the `perDay` best-scored papers of each
 * announcement day, newest day first. Papers that already have one are included too, so a
 * stored summary is found again; papers that failed are retried on every run of their window.
 */
export function summaryCandidates(feeds: Iterable<readonly RankedPaper[]>, perDay: number): RankedPaper[] {
  const byId = new Map<string, RankedPaper>();
  for (const papers of feeds) for (const paper of papers) if (!byId.has(paper.id)) byId.set(paper.id, paper);
  const byDay = new Map<string, RankedPaper[]>();
  for (const paper of byId.values()) {
    const day = byDay.get(paper.announced) ?? [];
    day.push(paper);
    byDay.set(paper.announced, day);
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
    .flatMap(([, papers]) => papers.sort(byScoreThenId).slice(0, perDay));
}

/** `2601.00001v2`: summaries belong to one version of a paper. */
export const versionKey = (paper: { id: string; version: number }) => `${paper.id}v${paper.version}`;

/** Copies summaries (keyed by `versionKey`) onto the papers of that version that lack one. */
export function withSummaries(
  papers: readonly RankedPaper[],
  summaries: ReadonlyMap<string, Summary>,
): RankedPaper[] {
  return papers.map((paper) => {
    if (paper.summary) return paper;
    const summary = summaries.get(versionKey(paper));
    return summary ? { ...paper, summary } : paper;
  });
}
