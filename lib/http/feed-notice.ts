import { isSkipDay, nextAnnouncement } from "../arxiv/schedule.js";
import type { FeedSnapshot } from "../model/snapshot.js";

/**
 * The sentence a channel description ends with, so readers know why a feed is quiet: no refresh
 * yet, or no announcement today (weekend) and when the next one is due.
 */
export function feedNotice(snapshot: FeedSnapshot | null, now: number): string {
  if (!snapshot) {
    return "No refresh has run yet on this deployment: the first scheduled one fills this feed, or trigger one now (npm run refresh locally; on Vercel, GET /api/cron/refresh with Authorization: Bearer $CRON_SECRET).";
  }
  if (isSkipDay(now)) {
    const next = nextAnnouncement(now).toISOString().replace(/:\d\d\.\d+Z$/, " UTC").replace("T", " ");
    return `No announcement today (weekend): arXiv announces Sunday to Thursday evenings US Eastern; the next is expected at ${next}.`;
  }
  return "";
}
