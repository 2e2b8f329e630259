import { easternMidnight, latestAnnouncementDate } from "../arxiv/schedule.js";
import type { RefreshMeta } from "../model/refresh-meta.js";

/**
 * True when no refresh has succeeded since the latest announcement's feeds were built (a failed
 * run, arXiv unreachable, does not count: the next start tries again).
 */
export function isStale(meta: RefreshMeta | null, now: number): boolean {
  if (!meta?.lastSuccessAt) return true;
  return Date.parse(meta.lastSuccessAt) < easternMidnight(latestAnnouncementDate(now)).getTime();
}
