import { createHash } from "node:crypto";
import type { ArxivParseError } from "./errors.js";
import { type ParseOutcome, parseArxivFeed } from "./parse.js";

/** A feed body read once per refresh: a malformed one is remembered, not parsed again. */
export interface ParseMemo {
  /** The body's outcome; `known` when it is a body that already failed (then it was not parsed). */
  parse(body: string): ParseOutcome & { known: boolean };
  /** Bodies actually parsed. */
  parses(): number;
}

/**
 * A retry, or the per-category fallback after a combined feed failed, often gets the very same
 * malformed body (a 19.6 MB one was parsed 15 times: 33 s). Failures are keyed by the body's
 * SHA-256, so only a digest is kept, never the body.
 */
export function createParseMemo(): ParseMemo {
  const failed = new Map<string, ArxivParseError>();
  let parses = 0;
  return {
    parse(body) {
      const key = createHash("sha256").update(body).digest("base64");
      const known = failed.get(key);
      if (known) return { ok: false, error: known, known: true };
      parses++;
      const outcome = parseArxivFeed(body);
      if (!outcome.ok) failed.set(key, outcome.error);
      return { ...outcome, known: false };
    },
    parses: () => parses,
  };
}
