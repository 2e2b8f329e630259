import { randomUUID } from "node:crypto";
import type { SetOptions, Store } from "./types.js";

interface Entry {
  json: string;
  expiresAt: number | undefined;
}

/** Options of the memory driver. */
export interface MemoryStoreOptions {
  /** Clock in epoch milliseconds (tests move it forward to expire keys). */
  now?: () => number;
}

/**
 * In-process store for tests and benchmarks. Values are kept as JSON text, as every other
 * driver keeps them, so a test cannot pass by sharing object references.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): Store {
  const now = options.now ?? Date.now;
  const data = new Map<string, Entry>();

  const live = (key: string): Entry | undefined => {
    const entry = data.get(key);
    if (entry?.expiresAt !== undefined && entry.expiresAt <= now()) {
      data.delete(key);
      return undefined;
    }
    return entry;
  };
  const write = (key: string, value: unknown, ttlSeconds: number | undefined) => {
    if (value === null || value === undefined) data.delete(key);
    else
      data.set(key, {
        json: JSON.stringify(value),
        expiresAt: ttlSeconds ? now() + ttlSeconds * 1000 : undefined,
      });
  };

  return {
    driver: "memory",
    async get<T>(key: string) {
      const entry = live(key);
      return entry ? (JSON.parse(entry.json) as T) : null;
    },
    async getMany<T>(keys: readonly string[]) {
      return keys.map((key) => {
        const entry = live(key);
        return entry ? (JSON.parse(entry.json) as T) : null;
      });
    },
    async set(key: string, value: unknown, setOptions?: SetOptions) {
      write(key, value, setOptions?.ttlSeconds);
    },
    async publish(entries: Readonly<Record<string, unknown>>, setOptions?: SetOptions) {
      for (const [key, value] of Object.entries(entries)) write(key, value, setOptions?.ttlSeconds);
    },
    async delete(key: string) {
      data.delete(key);
    },
    async acquireLock(name: string, ttlSeconds: number) {
      const key = `lock:${name}`;
      if (live(key)) return null;
      const token = randomUUID();
      write(key, token, ttlSeconds);
      return token;
    },
    async releaseLock(name: string, token: string) {
      const key = `lock:${name}`;
      const entry = live(key);
      if (!entry || JSON.parse(entry.json) !== token) return false;
      data.delete(key);
      return true;
    },
    async close() {},
  };
}
