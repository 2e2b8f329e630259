import {
  lockKey,
  lockTtlMs,
  newLockToken,
  parseStored,
  publishEntries,
  toJson,
  ttlMs,
} from "./driver-support.js";
import { lockValue, parseLockValue, renewedLockValue } from "./lock-holder.js";
import type { PublishOptions, SetOptions, Store } from "./types.js";

interface Entry {
  json: string;
  expiresAt: number | undefined;
}

/** The contents of memory stores: key (with prefix) → JSON text and expiry. */
export type MemoryData = Map<string, Entry>;

/** Options of the memory driver. */
export interface MemoryStoreOptions {
  /** Clock in epoch milliseconds (tests move it forward to expire keys). */
  now?: () => number;
  /** Prepended to every key, as the other drivers do (default none). */
  keyPrefix?: string;
  /** Contents to use; give several stores the same map to make them share data (default: new). */
  data?: MemoryData;
}

/**
 * In-process store for tests and benchmarks. Values are kept as JSON text, as every other
 * driver keeps them, so a test cannot pass by sharing object references.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): Store {
  const now = options.now ?? Date.now;
  const prefix = options.keyPrefix ?? "";
  const data: MemoryData = options.data ?? new Map();

  const live = (key: string): Entry | undefined => {
    const entry = data.get(prefix + key);
    if (entry?.expiresAt !== undefined && entry.expiresAt <= now()) {
      data.delete(prefix + key);
      return undefined;
    }
    return entry;
  };
  const read = <T>(key: string): T | null => {
    const entry = live(key);
    return entry ? parseStored<T>(key, entry.json) : null;
  };
  const write = (key: string, json: string | null, ms: number | undefined) => {
    if (json === null) data.delete(prefix + key);
    else data.set(prefix + key, { json, expiresAt: ms === undefined ? undefined : now() + ms });
  };

  return {
    driver: "memory",
    async get<T>(key: string) {
      return read<T>(key);
    },
    async getMany<T>(keys: readonly string[]) {
      return keys.map((key) => read<T>(key));
    },
    async set(key: string, value: unknown, setOptions?: SetOptions) {
      write(key, toJson(value), ttlMs(setOptions?.ttlSeconds));
    },
    async publish(entries: Readonly<Record<string, unknown>>, options?: PublishOptions) {
      const pending = publishEntries(entries, options);
      for (const [key, json, ms] of pending) write(key, json, ms);
    },
    async delete(key: string) {
      data.delete(prefix + key);
    },
    async acquireLock(name: string, ttlSeconds: number) {
      const ms = lockTtlMs(ttlSeconds);
      if (live(lockKey(name))) return null;
      const token = newLockToken();
      write(lockKey(name), lockValue(token, ms), ms);
      return token;
    },
    async renewLock(name: string, token: string, ttlSeconds: number) {
      const ms = lockTtlMs(ttlSeconds);
      const entry = live(lockKey(name));
      const renewed = entry && renewedLockValue(entry.json, token, ms);
      if (!renewed) return false;
      write(lockKey(name), renewed, ms);
      return true;
    },
    async releaseLock(name: string, token: string) {
      const entry = live(lockKey(name));
      if (!entry || parseLockValue(entry.json)?.token !== token) return false;
      data.delete(prefix + lockKey(name));
      return true;
    },
    async close() {},
  };
}
