import type { Redis } from "@upstash/redis";
import { asciiJson } from "./ascii-json.js";
import {
  DEFAULT_COMMAND_TIMEOUT_MS,
  lockKey,
  lockTtlMs,
  newLockToken,
  parseStored,
  publishEntries,
  RELEASE_LOCK_LUA,
  RELEASE_LOCK_SHA,
  RENEW_LOCK_LUA,
  RENEW_LOCK_SHA,
  storeUnavailable,
  toJson,
  ttlMs,
} from "./driver-support.js";
import { lockValue, lockValuePrefix, renewLockArgs } from "./lock-holder.js";
import type { PublishOptions, SetOptions, Store } from "./types.js";
import { type UpstashTransport, upstashTransport } from "./upstash-transport.js";

/** Options of the Upstash (REST) driver. */
export interface UpstashStoreOptions {
  /** REST URL (`UPSTASH_REDIS_REST_URL` / `KV_REST_API_URL`). */
  url: string;
  /** REST token (`UPSTASH_REDIS_REST_TOKEN` / `KV_REST_API_TOKEN`); never appears in errors. */
  token: string;
  /** Prepended to every key (default none; `createStore` passes the configured one). */
  keyPrefix?: string;
  /** Limit of one HTTP request, retries included, ms (default 3000). */
  commandTimeoutMs?: number;
  /** Extra attempts after a request fails to connect (default 1; HTTP errors are not retried). */
  retries?: number;
}

/** The part of the SDK client this driver uses. */
type UpstashClient = Pick<Redis, "get" | "mget" | "set" | "del" | "eval" | "evalsha" | "multi">;

/** Runs a one-key script by its SHA, sending its text once when the server does not have it yet. */
function script(redis: UpstashClient, sha: string, lua: string, key: string, args: string[]) {
  return redis.evalsha(sha, [key], args).catch((error: unknown) => {
    if (error instanceof Error && error.message.includes("NOSCRIPT")) return redis.eval(lua, [key], args);
    throw error;
  });
}

/** The SDK client and the transport under it (kept to close its connections). */
interface Connection {
  transport: UpstashTransport;
  client: Promise<UpstashClient>;
}

/**
 * The SDK client on our transport (node:http, one request per command, bounded retry), set to
 * hand our JSON text back as it is. Results come as plain JSON strings, not base64: safe for
 * everything we store, ASCII JSON text, which comes back byte for byte. Only bytes that are not
 * UTF-8 (another program's, under our prefix) would differ, and the SDK turns those into U+FFFD
 * with base64 too (tests/store/upstash-encoding.test.ts shows both).
 */
function connect(options: UpstashStoreOptions, timeoutMs: number): Connection {
  const transport = upstashTransport({
    url: options.url,
    token: options.token,
    timeoutMs,
    retries: options.retries ?? 1,
  });
  const client = import("@upstash/redis").then(({ Redis }) => {
    class Client extends Redis {
      constructor() {
        super(transport);
        // Our bytes: JSON text in, the same text out (the SDK would otherwise JSON-parse results).
        this.opts = { automaticDeserialization: false };
        // One command = one request, so costs are predictable (the SDK batches by default).
        this.enableAutoPipelining = false;
        this.enableTelemetry = false;
      }
    }
    return new Client();
  });
  return { transport, client };
}

/**
 * Store on Upstash Redis over its REST API (`@upstash/redis` on `upstashTransport`), for Vercel.
 * Values are written as ASCII-only JSON text (`asciiJson`) and read back as plain JSON strings,
 * parsed once by us; `publish` is one MULTI/EXEC request; the lock is `SET NX PX` released by a
 * compare-and-delete script.
 */
export function createUpstashStore(options: UpstashStoreOptions): Store {
  const prefix = options.keyPrefix ?? "";
  const timeoutMs = options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
  let connection: Connection | undefined;

  const run = async <T>(operation: string, command: (redis: UpstashClient) => Promise<T>): Promise<T> => {
    try {
      connection ??= connect(options, timeoutMs);
      return await command(await connection.client);
    } catch (error) {
      throw storeUnavailable("upstash", operation, error, [options.token]);
    }
  };

  return {
    driver: "upstash",
    async get<T>(key: string) {
      return parseStored<T>(key, await run("GET", (redis) => redis.get<string>(prefix + key)));
    },
    async getMany<T>(keys: readonly string[]) {
      if (keys.length === 0) return [];
      const raw = await run("MGET", (redis) =>
        redis.mget<(string | null)[]>(keys.map((key) => prefix + key)),
      );
      return raw.map((text, i) => parseStored<T>(keys[i] ?? "", text));
    },
    async set(key: string, value: unknown, setOptions?: SetOptions) {
      const json = toJson(value);
      const px = ttlMs(setOptions?.ttlSeconds);
      if (json === null) await run("DEL", (redis) => redis.del(prefix + key));
      else
        await run("SET", (redis) =>
          redis.set(prefix + key, asciiJson(json), px === undefined ? undefined : { px }),
        );
    },
    async publish(entries: Readonly<Record<string, unknown>>, options?: PublishOptions) {
      const pending = publishEntries(entries, options, prefix);
      if (pending.length === 0) return;
      await run("publish (MULTI/EXEC)", (redis) => {
        const tx = redis.multi();
        for (const [key, json, px] of pending) {
          if (json === null) tx.del(key);
          else tx.set(key, asciiJson(json), px === undefined ? undefined : { px });
        }
        return tx.exec();
      });
    },
    async delete(key: string) {
      await run("DEL", (redis) => redis.del(prefix + key));
    },
    async acquireLock(name: string, ttlSeconds: number) {
      const px = lockTtlMs(ttlSeconds);
      const token = newLockToken();
      const reply = await run("lock SET NX", (redis) =>
        redis.set(prefix + lockKey(name), lockValue(token, px), { nx: true, px }),
      );
      return reply === "OK" ? token : null;
    },
    async renewLock(name: string, token: string, ttlSeconds: number) {
      const args = renewLockArgs(token, lockTtlMs(ttlSeconds));
      const renewed = await run("lock renew", (redis) =>
        script(redis, RENEW_LOCK_SHA, RENEW_LOCK_LUA, prefix + lockKey(name), args),
      );
      return Number(renewed) === 1;
    },
    async releaseLock(name: string, token: string) {
      const deleted = await run("lock release", (redis) =>
        script(redis, RELEASE_LOCK_SHA, RELEASE_LOCK_LUA, prefix + lockKey(name), [lockValuePrefix(token)]),
      );
      return Number(deleted) === 1;
    },
    async close() {
      connection?.transport.close();
      connection = undefined;
    },
  };
}
