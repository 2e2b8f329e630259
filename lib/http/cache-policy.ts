import { nextAnnouncement } from "../arxiv/schedule.js";

/** Time after arXiv's rebuild that the cron run is expected to have published, seconds. */
const CRON_MARGIN_SECONDS = 90 * 60;
/** Bounds of the CDN lifetime, seconds. */
const MIN_CDN_SECONDS = 60;
const MAX_CDN_SECONDS = 6 * 3600;

/**
 * Cache-Control for anything built from a snapshot: browsers and readers revalidate every time
 * (cheap: ETag → 304), Vercel's CDN keeps it until shortly after the next expected refresh (at
 * most 6 h, so a manual refresh shows within hours even without purging), and serves stale while
 * revalidating.
 */
export function snapshotCacheControl(now: number): string {
  const untilRefresh = Math.round((nextAnnouncement(now).getTime() - now) / 1000) + CRON_MARGIN_SECONDS;
  const cdn = Math.max(MIN_CDN_SECONDS, Math.min(MAX_CDN_SECONDS, untilRefresh));
  return `public, max-age=0, must-revalidate, s-maxage=${cdn}, stale-while-revalidate=86400`;
}

/**
 * For the health report: it says what time of the arXiv week it is, so the CDN keeps it a
 * minute only (the cron run also invalidates it by tag).
 */
export const HEALTH_CACHE_CONTROL =
  "public, max-age=0, must-revalidate, s-maxage=60, stale-while-revalidate=300";

/**
 * For what changes only with a deployment (configuration, OpenAPI, OPML): a new deployment has
 * new CDN cache keys, so the CDN may keep these a day.
 */
export const STATIC_CACHE_CONTROL =
  "public, max-age=0, must-revalidate, s-maxage=86400, stale-while-revalidate=86400";

/** For responses that must not be cached (errors, the empty-store notice). */
export const NO_STORE = "no-store";
