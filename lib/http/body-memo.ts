/** Most bodies kept, and most characters in all, per warm function instance. */
const MAX_ENTRIES = 64;
const MAX_CHARS = 16 * 1024 * 1024;

const bodies = new Map<string, string>();
let chars = 0;

/**
 * The body for a strong ETag, built once per warm instance. A strong ETag names the exact bytes
 * (it hashes the snapshot version and everything else that shapes the body), so rendering the
 * same feed again for every poll is wasted work; the store read that yields the version stays.
 * Least recently used entries go first.
 */
export function memoBody(etag: string, build: () => string): string {
  const cached = bodies.get(etag);
  if (cached !== undefined) {
    bodies.delete(etag);
    bodies.set(etag, cached);
    return cached;
  }
  const body = build();
  if (body.length > MAX_CHARS / 4) return body;
  bodies.set(etag, body);
  chars += body.length;
  for (const [key, value] of bodies) {
    if (bodies.size <= MAX_ENTRIES && chars <= MAX_CHARS) break;
    bodies.delete(key);
    chars -= value.length;
  }
  return body;
}
