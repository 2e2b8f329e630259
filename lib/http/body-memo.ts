import { createLru } from "./lru.js";

/** A response body as it goes on the wire: UTF-8 bytes, with the ETag that names them. */
export interface MemoBody {
  etag: string;
  bytes: Uint8Array;
}

/** What a body is built as: text (encoded once, here) or bytes. */
export type BodySource = string | Uint8Array;

/** The UTF-8 bytes of `body` (bytes are kept as they are). */
export const bodyBytes = (body: BodySource): Uint8Array =>
  typeof body === "string" ? Buffer.from(body, "utf8") : body;

/** Most bodies kept, and most bytes in all, per warm function instance. */
const bodies = createLru<MemoBody>({
  maxEntries: 64,
  maxWeight: 16 * 1024 * 1024,
  weight: (body) => body.bytes.byteLength,
});

/**
 * The body for a strong ETag, built and encoded once per warm instance. A strong ETag names the
 * exact bytes (it hashes the snapshot version and everything else that shapes the body), so
 * rendering or encoding the same feed again for every poll is wasted work; the store read that
 * yields the version stays. Least recently used entries go first. The bytes are shared by every
 * response that sends them: read-only.
 */
export function memoBody(etag: string, build: () => BodySource): MemoBody {
  return bodies.get(etag, () => ({ etag, bytes: bodyBytes(build()) }));
}

/** Whether the body for `etag` is already built on this instance. */
export const hasBody = (etag: string): boolean => bodies.has(etag);

/** Forgets every body, as a cold instance starts (tests that compare two ways of building one). */
export const forgetBodies = (): void => bodies.clear();
