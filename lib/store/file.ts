import {
  DEFAULT_COMMAND_TIMEOUT_MS,
  lockKey,
  lockTtlMs,
  newLockToken,
  parseStored,
  publishEntries,
  storeUnavailable,
  toJson,
  ttlMs,
} from "./driver-support.js";
import { isLiveHolder } from "./holder-alive.js";
import { isPublishedKey } from "./keys.js";
import { lockValue, parseLockValue, renewedLockValue } from "./lock-holder.js";
import { databaseFile, isDamage, type Statements } from "./sqlite-file.js";
import { type PublishOptions, type SetOptions, type Store, StoreDataError } from "./types.js";
import { createValueCache, type ValueCache } from "./value-cache.js";

/** Options of the embedded driver. */
export interface FileStoreOptions {
  /** Folder of the database (created on first use), e.g. `.data`. */
  dir: string;
  /** Prepended to every key (default none; `createStore` passes the configured one). */
  keyPrefix?: string;
  /** How long a write waits for another process's write to finish (SQLite's busy timeout), ms (default 3000). */
  commandTimeoutMs?: number;
  /** Clock in epoch milliseconds, for expiry. */
  now?: () => number;
  /** Test hook: runs inside `publish`'s transaction after the new values are written, before the commit. */
  beforeCommit?: () => void;
}

type DatabaseFile = ReturnType<typeof databaseFile>;

/** One read: the database version it saw, and per key the value the cache kept or the stored text. */
interface Found {
  db: object;
  version: number;
  results: ({ value: unknown } | { text: string | null; expiresAt: number | null })[];
}

/**
 * Looks `keys` (prefix included) up in `cache` at the database's current version, reading the
 * others. Several keys are read in one deferred transaction, whose snapshot `data_version`
 * names, so cached and read values always come from the same state (when all are kept for the
 * version the database is at, none is needed). One key needs none: a value read after another
 * commit is kept under the older version, which every later read finds changed.
 */
function lookUp(sql: Statements, cache: ValueCache, keys: readonly string[], now: number): Found {
  const run = (): Found => {
    const version = sql.dataVersion.get() as number;
    cache.at(sql.db, version);
    const results = keys.map((key) => {
      const kept = cache.get(key);
      if (kept) return kept;
      const row = sql.readEntry.get(key, now);
      return { text: row?.json ?? null, expiresAt: row?.expires_at ?? null };
    });
    return { db: sql.db, version, results };
  };
  if (keys.length === 1) return run();
  // Every key kept for the version the database is at: one state, no transaction needed.
  const version = sql.dataVersion.get() as number;
  cache.at(sql.db, version);
  const kept = keys.map((key) => cache.get(key));
  if (kept.every((entry) => entry !== undefined))
    return { db: sql.db, version, results: kept as { value: unknown }[] };
  return sql.db.transaction(run)();
}

const damage = (file: DatabaseFile, error: unknown) =>
  `cannot be read: the embedded database ${file.name} is damaged (${(error as Error).message}); the next refresh rebuilds it`;

/** Reads with `task`; a damaged database is a StoreDataError naming the first key. */
async function readWith<T>(
  file: DatabaseFile,
  operation: string,
  keys: readonly string[],
  task: (sql: Statements) => T,
): Promise<T> {
  try {
    return task(await file.open());
  } catch (error) {
    if (!isDamage(error)) throw storeUnavailable("file", operation, error);
    file.close();
    throw new StoreDataError(keys[0] ?? "", damage(file, error));
  }
}

/** Writes with `task` in one transaction; a damaged database is moved aside and the write retried. */
async function writeWith<T>(file: DatabaseFile, operation: string, task: (sql: Statements) => T): Promise<T> {
  const attempt = async () => {
    const sql = await file.open();
    return sql.db.transaction(() => task(sql)).immediate();
  };
  try {
    try {
      return await attempt();
    } catch (error) {
      if (!isDamage(error)) throw error;
      file.moveAside();
      return await attempt();
    }
  } catch (error) {
    throw storeUnavailable("file", operation, error);
  }
}

/**
 * The embedded store for `npm start` without accounts: one SQLite database, `store.sqlite` in
 * `dir`, shared by every local process (the server, `npm run refresh`). A publish is one
 * transaction; keys carry their expiry, honoured on read and swept by the next publish. A
 * damaged database is reported to readers as a StoreDataError naming it; the next write (a
 * refresh takes its lock first) moves it aside and starts an empty one, which the refresh fills.
 * Published values (`isPublishedKey`) are kept parsed while the database is unchanged
 * (`value-cache.ts`), so a warm read is a `PRAGMA data_version`, not a read and a parse.
 */
export function createFileStore(options: FileStoreOptions): Store {
  const prefix = options.keyPrefix ?? "";
  const now = options.now ?? Date.now;
  const file = databaseFile(options.dir, options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS);
  const expiry = (ms: number | undefined) => (ms === undefined ? null : now() + ms);
  const put = (sql: Statements, fullKey: string, json: string | null, ms: number | undefined) => {
    if (json === null) sql.remove.run(fullKey);
    else sql.write.run(fullKey, json, expiry(ms));
  };
  const cache = createValueCache({ keep: (key) => isPublishedKey(key.slice(prefix.length)), now });
  const write = async <T>(operation: string, task: (sql: Statements) => T) => {
    try {
      return await writeWith(file, operation, task);
    } finally {
      // This connection's own commits do not change its data_version.
      cache.clear();
    }
  };
  const values = async <T>(operation: string, keys: readonly string[]): Promise<(T | null)[]> => {
    const full = keys.map((key) => prefix + key);
    const found = await readWith(file, operation, keys, (sql) => lookUp(sql, cache, full, now()));
    return found.results.map((result, i) => {
      if ("value" in result) return result.value as T | null;
      const value = parseStored<T>(keys[i] ?? "", result.text);
      cache.set(found.db, found.version, full[i] ?? "", value, result.expiresAt);
      return value;
    });
  };
  const heldLock = (sql: Statements, name: string) => sql.read.get(prefix + lockKey(name), now()) ?? null;

  return {
    driver: "file",
    async get<T>(key: string) {
      const [value] = await values<T>("get", [key]);
      return value ?? null;
    },
    async getMany<T>(keys: readonly string[]) {
      return values<T>("getMany", keys);
    },
    async set(key: string, value: unknown, setOptions?: SetOptions) {
      const json = toJson(value);
      const ms = ttlMs(setOptions?.ttlSeconds);
      await write("set", (sql) => put(sql, prefix + key, json, ms));
    },
    async publish(entries: Readonly<Record<string, unknown>>, publishOptions?: PublishOptions) {
      const pending = publishEntries(entries, publishOptions, prefix);
      if (pending.length === 0) return;
      await write("publish", (sql) => {
        for (const [fullKey, json, ms] of pending) put(sql, fullKey, json, ms);
        sql.sweep.run(now());
        options.beforeCommit?.();
      });
    },
    async delete(key: string) {
      await write("delete", (sql) => put(sql, prefix + key, null, undefined));
    },
    async acquireLock(name: string, ttlSeconds: number) {
      const ms = lockTtlMs(ttlSeconds);
      return write("acquireLock", (sql) => {
        const held = heldLock(sql, name);
        // A damaged value or a dead process's lock is nobody's: take it over.
        const holder = held === null ? null : parseLockValue(held);
        if (holder && isLiveHolder(holder)) return null;
        const token = newLockToken();
        put(sql, prefix + lockKey(name), lockValue(token, ms), ms);
        return token;
      });
    },
    async renewLock(name: string, token: string, ttlSeconds: number) {
      const ms = lockTtlMs(ttlSeconds);
      return write("renewLock", (sql) => {
        const held = heldLock(sql, name);
        const renewed = held === null ? null : renewedLockValue(held, token, ms);
        if (renewed) put(sql, prefix + lockKey(name), renewed, ms);
        return renewed !== null;
      });
    },
    async releaseLock(name: string, token: string) {
      return write("releaseLock", (sql) => {
        const held = heldLock(sql, name);
        if (held === null || parseLockValue(held)?.token !== token) return false;
        put(sql, prefix + lockKey(name), null, undefined);
        return true;
      });
    },
    async close() {
      file.close();
    },
  };
}
