import { easternMidnight } from "../arxiv/schedule.js";

/**
 * The instant of an arXiv announcement date (`YYYY-MM-DD`): midnight US Eastern of that day, the
 * time arXiv's own feeds give as `pubDate` (`Mon, 27 Apr 2026 00:00:00 -0400`). Returns
 * `fallback` when `announced` is not a valid date.
 */
export function announcedAt(announced: string, fallback: Date): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(announced);
  if (!match) return fallback;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return fallback;
  }
  return easternMidnight(announced);
}

/**
 * When an entry last changed: its announcement, or later when its AI summary arrived on a later
 * run, so Atom and JSON Feed readers fetch the entry again and show the summary.
 */
export function entryUpdatedAt(
  paper: { announced: string; summary?: { createdAt: string } },
  fallback: Date,
): Date {
  const announced = announcedAt(paper.announced, fallback);
  const summarised = paper.summary ? Date.parse(paper.summary.createdAt) : Number.NaN;
  return Number.isFinite(summarised) && summarised > announced.getTime() ? new Date(summarised) : announced;
}
