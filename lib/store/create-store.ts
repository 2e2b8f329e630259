import type { StoreSettings } from "../config/settings.js";
import { createFileStore } from "./file.js";
import { createMemoryStore } from "./memory.js";
import { createRedisStore } from "./redis.js";
import type { Store } from "./types.js";
import { createUpstashStore } from "./upstash.js";

/** Options every driver takes. */
export interface CreateStoreOptions {
  /** Prepended to every key, e.g. `axf:` (the `KEY_PREFIX` setting). */
  keyPrefix: string;
  /** Limit of one store command (embedded store: of waiting for another process's write), ms (default 3000). */
  commandTimeoutMs?: number;
}

/**
 * The store the settings ask for. Nothing connects here: clients and the embedded database are
 * opened on first use, and the `redis`, `@upstash/redis` and native `better-sqlite3` packages are
 * only loaded then (a Vercel function on Upstash never loads the native one), so this is cheap.
 */
export function createStore(settings: StoreSettings, options: CreateStoreOptions): Store {
  const { keyPrefix, commandTimeoutMs } = options;
  switch (settings.driver) {
    case "memory":
      return createMemoryStore({ keyPrefix });
    case "file":
      return createFileStore({ dir: settings.dir, keyPrefix, commandTimeoutMs });
    case "upstash":
      return createUpstashStore({ url: settings.url, token: settings.token, keyPrefix, commandTimeoutMs });
    case "redis":
      return createRedisStore({ url: settings.url, keyPrefix, commandTimeoutMs });
  }
}
