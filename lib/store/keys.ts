/**
 * The store keys the service uses, in one place. Keys are logical: each driver adds the
 * configured prefix (`axf:` by default), so `feed:cs.LG` is stored as `axf:feed:cs.LG`.
 */

/** A feed's published snapshot (`FeedSnapshot`): `feed:<name>`, e.g. `feed:cs.AI`, `feed:all`. */
export const feedKey = (name: string): string => `feed:${name}`;

/**
 * A feed's finished body in one format, rendered by the refresh that published its snapshot and
 * published with it (`RenderedBody`): `rendered:<name>:<format>`, format `rss`, `atom`, `json`
 * or `papers` (the first page of `/api/papers`).
 */
export const renderedKey = (name: string, format: string): string => `rendered:${name}:${format}`;

/**
 * Keys whose values only the refresh replaces (feed snapshots, day pools, rendered bodies, day
 * embedding sets `emb:<slot>` of lib/embeddings/keys.ts, ~2.4 MB a week read by every personal
 * request with embeddings on) and whose readers never change them: a store may keep their parsed
 * values and hand the same value to every reader (the embedded store does, while the database is
 * unchanged). A named paper's vector (`emb-named:`) is written by requests too: not kept.
 */
export const isPublishedKey = (key: string): boolean =>
  key.startsWith("feed:") || key.startsWith("pool:") || key.startsWith("rendered:") || key.startsWith("emb:");

/**
 * One day's candidate pool of a feed (`PoolSnapshot`, gzipped): `pool:<name>:<slot>`, where the
 * slot cycles over the feed's pool days (`lib/pools/slots.ts`).
 */
export const poolKey = (name: string, slot: number): string => `pool:${name}:${slot}`;

/**
 * A paper version's summary: `summary:<id>v<version>:<model>:<prompt hash>:<language>`.
 * Whitespace in the model name becomes `_` (same format as `lib/summary/cache-key.ts`).
 */
export const summaryKey = (
  id: string,
  version: number,
  model: string,
  promptHash: string,
  language: string,
): string => `summary:${id}v${version}:${model.trim().replace(/\s+/g, "_")}:${promptHash}:${language}`;

/** The last refresh run's outcome (`RefreshMeta`). */
export const META_REFRESH_KEY = "meta:refresh";

/**
 * The last refresh attempt (`RefreshAttempt`), published or not: written with each publish, and
 * alone after a run that threw or whose publish the store refused.
 */
export const META_ATTEMPT_KEY = "meta:attempt";

/** Name of the refresh lock (for `Store.acquireLock`; stored under `lock:refresh`). */
export const REFRESH_LOCK = "refresh";

/** LLM usage of one UTC day: `usage:<YYYY-MM-DD>`; a Date is taken as its UTC day. */
export function usageKey(day: string | Date): string {
  const text = typeof day === "string" ? day : day.toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new RangeError(`usageKey: expected YYYY-MM-DD, got "${text}"`);
  return `usage:${text}`;
}
