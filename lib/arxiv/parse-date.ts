import { arxivFeedDate } from "./schedule.js";

// Feeds repeat one date string on every item; both caches stay tiny and are flushed if they grow.
const MAX_CACHE = 256;
const dayCache = new Map<string, string | undefined>();
const isoCache = new Map<string, string | undefined>();

function remember<T>(cache: Map<string, T>, key: string, compute: (key: string) => T): T {
  const hit = cache.get(key);
  if (hit !== undefined || cache.has(key)) return hit as T;
  if (cache.size >= MAX_CACHE) cache.clear();
  const value = compute(key);
  cache.set(key, value);
  return value;
}

// The two shapes arXiv's feeds use. `Date.parse` alone is far too lenient: it reads
// "201\u00005-12-26" as the year 200, so the text must look like a date before it is parsed.
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
const RFC_822 =
  /^(?:[a-z]{3},\s*)?\d{1,2}\s+[a-z]{3}\s+\d{4}\s+\d{2}:\d{2}(?::\d{2})?\s*(?:[+-]\d{4}|[a-z]{1,5})$/i;
// arXiv opened in 1991; a four-digit year keeps every derived day `YYYY-MM-DD`.
const EARLIEST = Date.UTC(1991, 0, 1);
const LATEST = Date.UTC(9999, 11, 30);

function toTime(text: string): number | undefined {
  const trimmed = text.trim();
  if (!ISO_8601.test(trimmed) && !RFC_822.test(trimmed)) return undefined;
  const t = Date.parse(trimmed);
  return Number.isNaN(t) || t < EARLIEST || t > LATEST ? undefined : t;
}

function easternDay(text: string): string | undefined {
  const t = toTime(text);
  return t === undefined ? undefined : arxivFeedDate(t);
}

/**
 * The `YYYY-MM-DD` date, in arXiv's time zone (US Eastern), of an RFC 822 (`Thu, 29 Jan 2026
 * 00:00:00 -0500`) or ISO 8601 time; undefined when the text is not a time.
 */
export function arxivDay(text: string | undefined): string | undefined {
  return text === undefined ? undefined : remember(dayCache, text, easternDay);
}

/** An RFC 822 or ISO 8601 time as an ISO 8601 UTC string; undefined when the text is not a time. */
export function isoTime(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  return remember(isoCache, text, (key) => {
    const t = toTime(key);
    return t === undefined ? undefined : new Date(t).toISOString();
  });
}
