import { gunzipSync, gzipSync } from "node:zlib";
import type { SnapshotHead } from "../model/snapshot.js";

/** Shape of the values under `renderedKey`; a reader renders on demand from any other. */
export const RENDERED_SHAPE = 1;

/**
 * A feed's finished body in one format (or the first page of its papers), as the refresh that
 * published the snapshot rendered it through the read path's own handler, published beside it.
 * Everything a request decides from is plain JSON; the body is gzipped, so the value is ~25 KB
 * and a request that already holds the bytes (the memo, by ETag) never unpacks it.
 */
export interface RenderedBody {
  shape: typeof RENDERED_SHAPE;
  /** The snapshot's head (all but its papers): validators, notices and cursors come from it. */
  head: SnapshotHead;
  /** `deploymentFingerprint` of the settings it was rendered under. */
  fingerprint: string;
  /** The deployment that rendered it (`VERCEL_URL`; null locally): new code renders anew. */
  deployment: string | null;
  /** Feeds: the origin the body's links were rendered on, a placeholder spliced per request. */
  origin: string | null;
  /** Feeds: the weekend notice the body carries, once and after a space; removed or replaced per request. */
  weekend: string | null;
  /** Pages: the validators' variant of the page (`pageVariant`); a request for another renders. */
  variant: string | null;
  /** The body's UTF-8 bytes, gzipped, in base64. */
  gzip: string;
}

const isText = (value: unknown): value is string => typeof value === "string";
const isTextOrNull = (value: unknown) => value === null || typeof value === "string";

/** Whether `value` has the shape of a {@link RenderedBody} (checked cheaply: no schema library on this path). */
export function isRenderedBody(value: unknown): value is RenderedBody {
  if (typeof value !== "object" || value === null) return false;
  const body = value as Record<string, unknown>;
  const head = body.head as Record<string, unknown> | null | undefined;
  return (
    body.shape === RENDERED_SHAPE &&
    typeof head === "object" &&
    head !== null &&
    isText(head.version) &&
    isText(head.generatedAt) &&
    isText(body.fingerprint) &&
    isTextOrNull(body.deployment) &&
    isTextOrNull(body.origin) &&
    isTextOrNull(body.weekend) &&
    isTextOrNull(body.variant) &&
    isText(body.gzip)
  );
}

/** `text` gzipped for a {@link RenderedBody} (level 1: a sixth of the size, ~1 ms for 160 KB). */
export const packBody = (text: string): string => gzipSync(text, { level: 1 }).toString("base64");

/** The bytes of a {@link RenderedBody} as rendered. */
export const unpackBody = (body: Pick<RenderedBody, "gzip">): Buffer =>
  gunzipSync(Buffer.from(body.gzip, "base64"));

/**
 * Text that reaches every format's output as it is: no character an XML or JSON writer escapes
 * or drops, none a URL parser rewrites. Notices and origins are spliced into rendered bodies
 * only when they are such text, so the result is what rendering them would have written.
 */
const PLAIN = /^[A-Za-z0-9 .,:;()_~/+[\]-]*$/;
export const isPlainText = (text: string): boolean => PLAIN.test(text);

/**
 * What a body rendered on `origin` has where one rendered on a placeholder has the placeholder:
 * the renderers write every link normalised (`new URL(origin + "/…").href`), so the normalised
 * origin without its final slash. Undefined when that is not plain text (or not a URL at all):
 * such a request renders.
 */
export function originSplice(origin: string): string | undefined {
  if (splices.has(origin)) return splices.get(origin);
  let href: string | undefined;
  try {
    href = new URL(`${origin}/`).href;
  } catch {
    href = undefined;
  }
  const splice = href?.slice(0, -1);
  const found = href?.endsWith("/") && splice !== undefined && isPlainText(splice) ? splice : undefined;
  if (splices.size >= 256) splices.clear();
  splices.set(origin, found);
  return found;
}

/** Splices by origin: a deployment answers on a handful (forgotten all at once when full). */
const splices = new Map<string, string | undefined>();

/** `bytes` with every occurrence of the ASCII text `from` replaced by `to` (or the first only). */
function replaceBytes(bytes: Buffer, from: string, to: string, all: boolean): Buffer {
  const needle = Buffer.from(from, "latin1");
  const parts: Buffer[] = [];
  let at = 0;
  for (let found = bytes.indexOf(needle, at); found >= 0; found = all ? bytes.indexOf(needle, at) : -1) {
    parts.push(bytes.subarray(at, found), Buffer.from(to, "latin1"));
    at = found + needle.length;
  }
  if (parts.length === 0) return bytes;
  parts.push(bytes.subarray(at));
  return Buffer.concat(parts);
}

/**
 * A rendered feed body as a request on `splice` (`originSplice`) at a time whose weekend notice
 * is `weekend` ("" on weekdays, plain text) would render it: the placeholder origin replaced,
 * the stored weekend notice removed with the space before it, or replaced by `weekend`.
 */
export function spliceFeedBody(body: RenderedBody, bytes: Buffer, splice: string, weekend: string): Buffer {
  const onOrigin = body.origin ? replaceBytes(bytes, body.origin, splice, true) : bytes;
  if (!body.weekend || weekend === body.weekend) return onOrigin;
  return weekend
    ? replaceBytes(onOrigin, body.weekend, weekend, false)
    : replaceBytes(onOrigin, ` ${body.weekend}`, "", false);
}
