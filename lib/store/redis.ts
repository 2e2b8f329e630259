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
  urlSecrets,
  withTimeout,
} from "./driver-support.js";
import { lockValue, lockValuePrefix, renewLockArgs } from "./lock-holder.js";
import type { PublishOptions, SetOptions, Store } from "./types.js";

/** Options of the plain Redis (TCP) driver. */
export interface RedisStoreOptions {
  /** `redis://[[user]:password@]host[:port][/db]` or `rediss://…` (`REDIS_URL`). */
  url: string;
  /** Prepended to every key (default none; `createStore` passes the configured one). */
  keyPrefix?: string;
  /** Limit of connecting and of each command or transaction, ms (default 3000). */
  commandTimeoutMs?: number;
}

/** The part of a node-redis client this driver uses. */
interface RedisConnection {
  readonly isReady: boolean;
  sendCommand<T>(args: string[]): Promise<T>;
  multi(): { addCommand(args: string[]): unknown; exec(): Promise<unknown> };
  close(): Promise<unknown>;
  destroy(): void;
}

/** Runs a one-key script by its SHA, sending its text once when the server does not have it yet. */
function script(redis: RedisConnection, sha: string, lua: string, key: string, args: string[]) {
  const tail = ["1", key, ...args];
  return redis.sendCommand<number>(["EVALSHA", sha, ...tail]).catch((error: unknown) => {
    if (error instanceof Error && error.message.startsWith("NOSCRIPT")) {
      return redis.sendCommand<number>(["EVAL", lua, ...tail]);
    }
    throw error;
  });
}

/**
 * Connects a client that fails fast while the server is unreachable (no offline queue) and, once
 * it was ready, reconnects in the background.
 */
async function connect(url: string, timeoutMs: number): Promise<RedisConnection> {
  const { createClient } = await import("redis");
  let wasReady = false;
  const client = createClient({
    url,
    RESP: 2,
    disableOfflineQueue: true,
    commandOptions: { timeout: timeoutMs },
    socket: {
      connectTimeout: timeoutMs,
      // The first connection fails at once (the caller gets the error); a lost one is retried.
      reconnectStrategy: (retries) => (wasReady ? Math.min(50 * 2 ** retries, 2000) : false),
    },
  });
  client.on("ready", () => {
    wasReady = true;
  });
  // Errors reach callers through their commands; without a listener they would crash the process.
  client.on("error", () => {});
  try {
    await withTimeout(client.connect(), timeoutMs);
  } catch (error) {
    client.destroy();
    throw error;
  }
  return client as unknown as RedisConnection;
}

/** The commands of a publish, in order: SET (with PX when the key expires) or DEL. */
const publishCommands = (pending: ReturnType<typeof publishEntries>): string[][] =>
  pending.map(([key, json, px]) =>
    json === null
      ? ["DEL", key]
      : px === undefined
        ? ["SET", key, json]
        : ["SET", key, json, "PX", String(px)],
  );

/**
 * Store on a Redis server over TCP (node-redis), for self-hosting. Same semantics as the Upstash
 * driver: JSON text values, `publish` as MULTI/EXEC, `SET NX PX` lock with a compare-and-delete
 * release. Connects on first use; while the server is unreachable every call fails fast with
 * StoreUnavailableError (no offline queue) and the client reconnects in the background.
 */
export function createRedisStore(options: RedisStoreOptions): Store {
  const prefix = options.keyPrefix ?? "";
  const timeoutMs = options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
  const secrets = urlSecrets(options.url);
  let connection: Promise<RedisConnection> | undefined;

  const run = async <T>(operation: string, command: (redis: RedisConnection) => Promise<T>): Promise<T> => {
    try {
      connection ??= connect(options.url, timeoutMs).catch((error: unknown) => {
        connection = undefined;
        throw error;
      });
      // MULTI/EXEC does not get the client's per-command timeout, so every call is bounded here.
      return await withTimeout(
        connection.then((redis) => command(redis)),
        timeoutMs,
      );
    } catch (error) {
      throw storeUnavailable("redis", operation, error, secrets);
    }
  };

  return {
    driver: "redis",
    async get<T>(key: string) {
      return parseStored<T>(
        key,
        await run("GET", (redis) => redis.sendCommand<string | null>(["GET", prefix + key])),
      );
    },
    async getMany<T>(keys: readonly string[]) {
      if (keys.length === 0) return [];
      const raw = await run("MGET", (redis) =>
        redis.sendCommand<(string | null)[]>(["MGET", ...keys.map((key) => prefix + key)]),
      );
      return raw.map((text, i) => parseStored<T>(keys[i] ?? "", text));
    },
    async set(key: string, value: unknown, setOptions?: SetOptions) {
      const json = toJson(value);
      const px = ttlMs(setOptions?.ttlSeconds);
      const args = json === null ? ["DEL", prefix + key] : ["SET", prefix + key, json];
      if (json !== null && px !== undefined) args.push("PX", String(px));
      await run(args[0] ?? "SET", (redis) => redis.sendCommand(args));
    },
    async publish(entries: Readonly<Record<string, unknown>>, options?: PublishOptions) {
      const pending = publishEntries(entries, options, prefix);
      if (pending.length === 0) return;
      await run("publish (MULTI/EXEC)", (redis) => {
        const tx = redis.multi();
        for (const command of publishCommands(pending)) tx.addCommand(command);
        return tx.exec();
      });
    },
    async delete(key: string) {
      await run("DEL", (redis) => redis.sendCommand(["DEL", prefix + key]));
    },
    async acquireLock(name: string, ttlSeconds: number) {
      const px = lockTtlMs(ttlSeconds);
      const token = newLockToken();
      const reply = await run("lock SET NX", (redis) =>
        redis.sendCommand<string | null>([
          "SET",
          prefix + lockKey(name),
          lockValue(token, px),
          "NX",
          "PX",
          String(px),
        ]),
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
      const pending = connection;
      connection = undefined;
      const redis = await pending?.catch(() => undefined);
      if (redis?.isReady) await withTimeout(redis.close(), timeoutMs).catch(() => redis.destroy());
      else redis?.destroy();
    },
  };
}
