import { createLru } from "./lru.js";

/** Most bodies kept, and most characters in all, per warm function instance. */
const bodies = createLru<string>({
  maxEntries: 64,
  maxWeight: 16 * 1024 * 1024,
  weight: (body) => body.length,
});

/**
 * The body for a strong ETag, built once per warm instance. A strong ETag names the exact bytes
 * (it hashes the snapshot version and everything else that shapes the body), so rendering the
 * same feed again for every poll is wasted work; the store read that yields the version stays.
 * Least recently used entries go first.
 */
export function memoBody(etag: string, build: () => string): string {
  return bodies.get(etag, build);
}

/** Whether the body for `etag` is already built on this instance. */
export const hasBody = (etag: string): boolean => bodies.has(etag);
