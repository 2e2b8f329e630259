import { type BodySource, bodyBytes, hasBody, memoBody } from "./body-memo.js";
import { bytesResponse } from "./bytes-response.js";
import { CACHE_TAG_HEADER, cacheTagValue } from "./cache-tags.js";
import { isNotModified, notModified, type Validators } from "./conditional.js";

/** Content types of the service's representations, each with its charset. */
export const CONTENT_TYPES = {
  json: "application/json; charset=utf-8",
  opml: "text/x-opml; charset=utf-8",
  markdown: "text/markdown; charset=utf-8",
} as const;

/** One representation to send. */
export interface CachedResponseInput {
  request: Request;
  contentType: string;
  cacheControl: string;
  /** ETag and Last-Modified; omitted for what must not be revalidated (the empty-store notice). */
  validators?: Validators;
  /** Vercel cache tags naming what the body was built from. */
  tags: readonly string[];
  /** Built only when the client's copy is stale, and once per ETag per warm instance (then kept as bytes). */
  body: () => BodySource;
}

/** True when `cachedResponse` would answer without building the body (a 304, or a memoised body). */
export const isCachedFor = (request: Request, validators: Validators): boolean =>
  isNotModified(request, validators) || hasBody(validators.etag);

/**
 * 304 when the client's copy is current (If-None-Match, then If-Modified-Since), otherwise 200
 * with the body; both carry the validators, Cache-Control and the cache tags.
 */
export function cachedResponse(input: CachedResponseInput): Response {
  const headers: Record<string, string> = {
    "content-type": input.contentType,
    "cache-control": input.cacheControl,
    vary: "accept-encoding",
    [CACHE_TAG_HEADER]: cacheTagValue(input.tags),
  };
  const { validators } = input;
  if (!validators) return bytesResponse(bodyBytes(input.body()), { headers }, input.request);
  if (isNotModified(input.request, validators)) return notModified(validators, headers);
  headers.etag = validators.etag;
  headers["last-modified"] = validators.lastModified;
  return bytesResponse(memoBody(validators.etag, input.body).bytes, { headers }, input.request);
}
