/**
 * Parsed values of the embedded store, kept in this process for as long as the database is
 * unchanged. SQLite's `PRAGMA data_version` changes on a connection whenever another connection
 * (another process: `npm run refresh`) commits; this process's own writes clear the cache. A hit
 * is therefore exactly what a read would return, and a warm feed request costs no read and no
 * JSON.parse of a 150 KB value. Values are shared between readers: read-only, as published
 * values already are to their readers (see `coalesceReads`).
 */
export interface ValueCache {
  /**
   * Makes the cache hold values of version `version` of connection `db` (what `PRAGMA
   * data_version` said): anything kept for another version or connection is forgotten.
   */
  at(db: object, version: number): void;
  /** The value kept for `key` (as stored, prefix included), unless absent or expired. */
  get(key: string): { value: unknown } | undefined;
  /**
   * Keeps `value` (null: no such key) for `key`, read at (`db`, `version`), when the cache is
   * still at that version and `key` is one it keeps.
   */
  set(db: object, version: number, key: string, value: unknown, expiresAt: number | null): void;
  /** Forgets everything (this process wrote). */
  clear(): void;
}

/** Options of {@link createValueCache}. */
export interface ValueCacheOptions {
  /** Which keys (as stored, prefix included) may be kept. */
  keep: (key: string) => boolean;
  /** Clock of the stored expiries, epoch ms. */
  now: () => number;
  /** Most entries kept (default 256); past it the cache starts again empty. */
  maxEntries?: number;
}

interface Entry {
  value: unknown;
  /** Epoch ms after which the value is gone; null: never. */
  expiresAt: number | null;
}

export function createValueCache(options: ValueCacheOptions): ValueCache {
  const maxEntries = options.maxEntries ?? 256;
  let entries = new Map<string, Entry>();
  let current: { db: object; version: number } | undefined;
  return {
    at(db, version) {
      if (current?.db === db && current.version === version) return;
      entries = new Map();
      current = { db, version };
    },
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt !== null && entry.expiresAt <= options.now()) {
        entries.delete(key);
        return undefined;
      }
      return { value: entry.value };
    },
    set(db, version, key, value, expiresAt) {
      if (current?.db !== db || current.version !== version || !options.keep(key)) return;
      if (entries.size >= maxEntries) entries = new Map();
      entries.set(key, { value, expiresAt });
    },
    clear() {
      entries = new Map();
      current = undefined;
    },
  };
}
