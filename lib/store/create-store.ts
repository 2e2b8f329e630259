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
  /** Limit of one store command (file store: of waiting for another writer), ms (default 3000). */
  commandTimeoutMs?: number;
}

/**
 * The store the settings ask for. Nothing connects here: network clients are created on first
 * use (and the `redis`/`@upstash/redis` packages are only loaded then), so this is cheap.
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
