import { arxivFeedDate, easternMidnight, isSkipDay, nextAnnouncement } from "../arxiv/schedule.js";
import type { SnapshotHead } from "../model/snapshot.js";
import { describeMissing, type MissingPaper } from "../profile/missing-paper.js";

/**
 * The sentence a channel description ends with, so readers know why a feed is quiet or ranked
 * by less than asked: no refresh yet, or no announcement today (weekend) and when the next one
 * is due, a category arXiv left behind, and the named papers (`missing`) not used yet.
 */
export function feedNotice(
  snapshot: SnapshotHead | null,
  now: number,
  missing: readonly MissingPaper[] = [],
): string {
  if (!snapshot) {
    return "No refresh has run yet on this deployment: the first scheduled one fills this feed, or trigger one now (npm run refresh locally; on Vercel, GET /api/cron/refresh with Authorization: Bearer $CRON_SECRET).";
  }
  return [weekendNotice(now), behindNotice(snapshot), describeMissing(missing)].filter(Boolean).join(" ");
}

/** The weekend part of a feed's notice at `now` ("" when arXiv announces that day). */
export function weekendNotice(now: number): string {
  if (!isSkipDay(now)) return "";
  const next = nextAnnouncement(now)
    .toISOString()
    .replace(/:\d\d\.\d+Z$/, " UTC")
    .replace("T", " ");
  return `No announcement today (weekend): arXiv announces Sunday to Thursday evenings US Eastern; the next is expected at ${next}.`;
}

/** Why a feed shows an older day than its neighbours: arXiv itself still served it, after retries. */
function behindNotice(snapshot: SnapshotHead): string {
  return (snapshot.behind ?? [])
    .map(
      (lag) =>
        `arXiv is behind for ${lag.category}: its feed still served the ${lag.serves} announcement when the other categories served ${lag.current}'s, so this feed shows the newest ${lag.category} papers arXiv has; the next refresh fetches it again.`,
    )
    .join(" ");
}

/**
 * The Last-Modified of a body that says what day of arXiv's week it is (a notice, the health
 * report): the later of `modified` and the start (midnight US Eastern) of the current feed day,
 * so If-Modified-Since does not keep yesterday's notice.
 */
export function modifiedWithSchedule(modified: Date, now: number): Date {
  const dayStart = easternMidnight(arxivFeedDate(now));
  return dayStart > modified ? dayStart : modified;
}
