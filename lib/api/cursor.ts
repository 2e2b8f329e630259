import { createHash } from "node:crypto";

/**
 * Pagination cursors: opaque base64url of the snapshot version, the offset of the next page and
 * a hash of the filters. A cursor is only valid for the snapshot and filters that issued it:
 * after a refresh its offsets would point into a different list, so it is refused (400) rather
 * than silently skipping or repeating papers; the client starts again without it.
 */
interface CursorData {
  v: string;
  o: number;
  q: string;
}

/** Why a cursor was refused, as the 400 message says it. */
export type CursorProblem = "malformed" | "stale" | "other-query";

export type CursorResult = { ok: true; offset: number } | { ok: false; problem: CursorProblem };

/** Short hash of the filters a cursor belongs to (everything but `cursor` and `limit`). */
const queryHash = (canonicalQuery: string): string =>
  createHash("sha256").update(canonicalQuery).digest("base64url").slice(0, 12);

export function encodeCursor(version: string, offset: number, canonicalQuery: string): string {
  const data: CursorData = { v: version, o: offset, q: queryHash(canonicalQuery) };
  return Buffer.from(JSON.stringify(data)).toString("base64url");
}

export function decodeCursor(cursor: string, version: string, canonicalQuery: string): CursorResult {
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return { ok: false, problem: "malformed" };
  }
  if (typeof data !== "object" || data === null) return { ok: false, problem: "malformed" };
  const { v, o, q } = data as Partial<Record<keyof CursorData, unknown>>;
  if (
    typeof v !== "string" ||
    typeof q !== "string" ||
    typeof o !== "number" ||
    !Number.isSafeInteger(o) ||
    o < 0
  ) {
    return { ok: false, problem: "malformed" };
  }
  if (v !== version) return { ok: false, problem: "stale" };
  if (q !== queryHash(canonicalQuery)) return { ok: false, problem: "other-query" };
  return { ok: true, offset: o };
}

/** The 400 message for a refused cursor. */
export const CURSOR_MESSAGES: Record<CursorProblem, string> = {
  malformed: "is not a cursor this API issued; pass nextCursor from a previous page unchanged",
  stale:
    "belongs to an older snapshot (the feed was refreshed since); request the first page again without cursor",
  "other-query": "was issued for different filters; keep every parameter but limit unchanged while paging",
};
