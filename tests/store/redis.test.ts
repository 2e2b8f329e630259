import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedisStore } from "../../lib/store/redis.js";
import { StoreUnavailableError } from "../../lib/store/types.js";
import { type RedisServer, startRedisServer } from "../helpers/redis-server.js";
import { randomPrefix, testStoreContract } from "./contract.js";

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(() => redis.stop());

testStoreContract("redis (node-redis over TCP, real redis-server)", async ({ keyPrefix }) => {
  const store = createRedisStore({ url: redis.url, keyPrefix });
  return { store, cleanup: () => store.close() };
});

describe("redis store when the server is unreachable", () => {
  it("fails promptly with StoreUnavailableError (never connected), without the password", async () => {
    const dead = await startRedisServer();
    await dead.stop();
    const url = `redis://:s3cret-pass@127.0.0.1:${dead.port}`;
    const store = createRedisStore({ url, keyPrefix: randomPrefix(), commandTimeoutMs: 1000 });
    const started = Date.now();
    const error = await store.get("k").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toMatch(/^redis store: GET failed/);
    expect((error as Error).message).not.toContain("s3cret-pass");
    expect((error as Error).cause).toBeDefined();
    expect(Date.now() - started).toBeLessThan(1500);
    await store.close();
  });

  it("fails promptly when the server goes away after connecting, and recovers when it returns", async () => {
    const own = await startRedisServer();
    const store = createRedisStore({ url: own.url, keyPrefix: randomPrefix(), commandTimeoutMs: 1000 });
    await store.set("k", "v");
    await own.stop();
    for (const call of [
      () => store.get("k"),
      () => store.publish({ a: 1, b: 2 }),
      () => store.acquireLock("x", 5),
    ]) {
      const started = Date.now();
      await expect(call()).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(Date.now() - started).toBeLessThan(1500);
    }
    const back = await startRedisServer({ port: own.port });
    try {
      await expect
        .poll(
          () =>
            store.set("k", "again").then(
              () => "ok",
              () => "down",
            ),
          { timeout: 5000 },
        )
        .toBe("ok");
      expect(await store.get("k")).toBe("again");
    } finally {
      await store.close();
      await back.stop();
    }
  });

  it("bounds a command on a server that accepts connections but never answers", async () => {
    const { createServer } = await import("node:net");
    const sockets: import("node:net").Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as import("node:net").AddressInfo;
    const store = createRedisStore({ url: `redis://127.0.0.1:${port}`, commandTimeoutMs: 300 });
    const started = Date.now();
    await expect(store.get("k")).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(Date.now() - started).toBeLessThan(1000);
    await store.close();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });
});
