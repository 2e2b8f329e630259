/**
 * Store keys of named papers (logical, before the driver's prefix). They sit here beside the
 * resolver rather than in lib/store/keys.ts so the feature stays in one folder.
 */

/** A named paper resolved from arXiv's API (`NamedPaper`), kept for the summary TTL: `named:<id>`. */
export const namedPaperKey = (id: string): string => `named:${id}`;

/**
 * A recent lookup that found nothing (`TriedMarker`): `named-tried:<id>`, short-lived, so a feed
 * request does not wait on arXiv again for the same id and a later one asks once more.
 */
export const namedTriedKey = (id: string): string => `named-tried:${id}`;

/**
 * The deployment-wide gate of arXiv's API (`Store.acquireLock`, stored under `lock:arxiv-api`):
 * taken before each request and never released, it expires after the polite interval, so all
 * instances together send at most one request per interval.
 */
export const ARXIV_API_GATE = "arxiv-api";
