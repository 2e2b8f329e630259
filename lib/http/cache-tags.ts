/**
 * Vercel CDN cache tags. Every cacheable response names what it was built from in the
 * `Vercel-Cache-Tag` header (the CDN indexes the tags and strips the header before the client
 * sees it), so the cron run can invalidate exactly what it republished.
 */

/** The response header Vercel's CDN reads tags from (comma-separated). */
export const CACHE_TAG_HEADER = "vercel-cache-tag";

/** On every cacheable response of this service: `vercel cache invalidate --tag axf` clears all. */
const TAG_ALL = "axf";
/** Responses built from several feeds at once (categories list, paper lookup). */
export const TAG_FEEDS = "axf:feeds";
/** Responses built from `meta:refresh` (health). */
export const TAG_META = "axf:meta";
/** Responses that change only with a deployment (config, OpenAPI, OPML). */
export const TAG_STATIC = "axf:static";

/** Responses built from one feed's snapshot or pool: `axf:feed:cs.LG`. */
export const feedTag = (name: string): string => `axf:feed:${name}`;

/** Header values by tag list: each response names the same few lists (forgotten all at once when full). */
const values = new Map<string, string>();

/** The header value for `tags`, with TAG_ALL first and no duplicates. */
export function cacheTagValue(tags: readonly string[]): string {
  const key = tags.join("\n");
  let value = values.get(key);
  if (value === undefined) {
    value = [...new Set([TAG_ALL, ...tags])].map((tag) => tag.replaceAll(",", "%2C")).join(",");
    if (values.size >= 256) values.clear();
    values.set(key, value);
  }
  return value;
}

/**
 * What a refresh makes stale: the run's record always (health), and when feeds were published,
 * each of them plus everything built from several feeds.
 */
export function tagsAfterRefresh(published: readonly string[]): string[] {
  return published.length ? [TAG_META, TAG_FEEDS, ...published.map(feedTag)] : [TAG_META];
}
