import { createClient } from "redis";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { asciiJson } from "../../lib/store/ascii-json.js";
import { type Store, StoreDataError, StoreUnavailableError } from "../../lib/store/types.js";
import { createUpstashStore } from "../../lib/store/upstash.js";
import {
  openUpstashStore,
  startUpstashRestServer,
  upstashOverRedis,
} from "../helpers/upstash-rest-server.js";
import { bigValue, randomPrefix, testStoreContract } from "./contract.js";

const upstash = upstashOverRedis();

testStoreContract("upstash (@upstash/redis over REST, real redis-server)", async ({ keyPrefix }) => {
  const store = createUpstashStore({ url: upstash.rest.url, token: upstash.rest.token, keyPrefix });
  return { store, cleanup: () => store.close() };
});

describe("upstash store: what goes over the wire", () => {
  let store: Store;
  let prefix: string;
  beforeEach(() => {
    ({ store, prefix } = openUpstashStore(upstash));
  });

  it("a value that is not JSON is a StoreDataError naming the key, not a crash", async () => {
    const raw = createClient({ url: upstash.redis.url });
    await raw.connect();
    try {
      await raw.set(`${prefix}feed:cs.LG`, "{truncated");
      await raw.set(`${prefix}feed:cs.AI`, "[]");
    } finally {
      await raw.quit();
    }
    await expect(store.get("feed:cs.LG")).rejects.toThrow(StoreDataError);
    await expect(store.getMany(["feed:cs.AI", "feed:cs.LG"])).rejects.toThrow('"feed:cs.LG" is not JSON');
    expect(await store.get("feed:cs.AI")).toEqual([]);
  });

  it("a get is exactly one command in one request; getMany one MGET", async () => {
    await store.get("feed:cs.LG");
    expect(upstash.rest.stats()).toMatchObject({
      requests: 1,
      commands: 1,
      commandNames: ["GET"],
      byPath: { "/": 1 },
    });
    upstash.rest.resetStats();
    await store.getMany(["feed:a", "feed:b", "meta:refresh"]);
    expect(upstash.rest.stats()).toMatchObject({ requests: 1, commands: 1, commandNames: ["MGET"] });
  });

  it("a publish of 6 keys is one HTTP request: a MULTI/EXEC of 6 commands", async () => {
    const entries = Object.fromEntries(["a", "b", "c", "d", "e"].map((name) => [`feed:${name}`, { name }]));
    await store.publish({ ...entries, "feed:gone": null });
    expect(upstash.rest.stats()).toMatchObject({ requests: 1, commands: 6, byPath: { "/multi-exec": 1 } });
    expect(upstash.rest.stats().commandNames.sort()).toEqual(["DEL", "SET", "SET", "SET", "SET", "SET"]);
  });

  it("lock: acquire is one SET NX; release one EVALSHA, or EVALSHA + EVAL when the script is not cached", async () => {
    const raw = createClient({ url: upstash.redis.url });
    await raw.connect();
    try {
      await raw.sendCommand(["SCRIPT", "FLUSH"]);
      const token = (await store.acquireLock("refresh", 5)) as string;
      expect(upstash.rest.stats().commandNames).toEqual(["SET"]);
      upstash.rest.resetStats();
      expect(await store.releaseLock("refresh", token)).toBe(true);
      expect(upstash.rest.stats().commandNames).toEqual(["EVALSHA", "EVAL"]);
      upstash.rest.resetStats();
      expect(await store.releaseLock("refresh", token)).toBe(false);
      expect(upstash.rest.stats().commandNames).toEqual(["EVALSHA"]);
    } finally {
      await raw.close();
    }
  });

  it("stores exactly our JSON text under the prefixed key", async () => {
    const value = { title: "Caf\u00e9 🎉", n: 1 };
    await store.set("feed:cs.LG", value, { ttlSeconds: 60 });
    const raw = createClient({ url: upstash.redis.url });
    await raw.connect();
    try {
      expect(await raw.sendCommand(["GET", `${prefix}feed:cs.LG`])).toBe(asciiJson(JSON.stringify(value)));
      const ttl = Number(await raw.sendCommand(["PTTL", `${prefix}feed:cs.LG`]));
      expect(ttl).toBeGreaterThan(55_000);
      expect(ttl).toBeLessThanOrEqual(60_000);
    } finally {
      await raw.close();
    }
  });

  it("a snapshot-sized value (~1 MB JSON) round-trips; the read is plain JSON on the wire, not base64", async () => {
    const value = bigValue(1_000_000);
    const bytes = Buffer.byteLength(JSON.stringify(value));
    await store.publish({ "feed:big": value });
    const written = upstash.rest.stats().bytesReceived;
    upstash.rest.resetStats();
    const started = performance.now();
    expect(await store.get("feed:big")).toEqual(value);
    const readMs = performance.now() - started;
    const { bytesSent: read, base64Requests } = upstash.rest.stats();
    console.info(
      `upstash 1 MB: value ${bytes} B; publish request ${written} B; GET response ${read} B ` +
        `(${(read / bytes).toFixed(3)}x, JSON string); GET + parse ${readMs.toFixed(1)} ms on loopback`,
    );
    expect(base64Requests).toBe(0);
    expect(written).toBeGreaterThan(bytes);
    // The value as one JSON string: its quotes escaped, nothing else added (base64 would be 1.33×).
    expect(read / bytes).toBeGreaterThan(1);
    expect(read / bytes).toBeLessThan(1.1);
  });
});

describe("upstash store: faults", () => {
  afterEach(() => upstash.rest.setMode("ok"));
  const make = (commandTimeoutMs: number, token = upstash.rest.token, url = upstash.rest.url) =>
    createUpstashStore({ url, token, keyPrefix: randomPrefix(), commandTimeoutMs });

  const expectUnavailable = async (
    call: () => Promise<unknown>,
    withinMs: number,
    token = upstash.rest.token,
  ) => {
    const started = Date.now();
    const error = await call().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(Date.now() - started).toBeLessThan(withinMs);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    const { message, cause } = error as StoreUnavailableError;
    expect(message).toMatch(/^upstash store: /);
    expect(message).not.toContain(token);
    expect(cause).toBeDefined();
    return message;
  };

  it("down (connections dropped): every operation fails promptly, no token in the message", async () => {
    upstash.rest.setMode("down");
    const store = make(1000);
    for (const call of [
      () => store.get("k"),
      () => store.getMany(["a", "b"]),
      () => store.set("k", 1),
      () => store.publish({ a: 1, b: 2 }),
      () => store.acquireLock("refresh", 5),
      () => store.releaseLock("refresh", "t"),
    ]) {
      await expectUnavailable(call, 1000);
    }
  });

  it("nothing listening (connection refused): fails promptly", async () => {
    const gone = await startUpstashRestServer({ redisUrl: upstash.redis.url });
    await gone.stop();
    const message = await expectUnavailable(
      () => make(1000, gone.token, gone.url).get("k"),
      1000,
      gone.token,
    );
    expect(message).toMatch(/ECONNREFUSED/);
  });

  it("slow: a request is cut at commandTimeoutMs, not left hanging", async () => {
    upstash.rest.setMode("slow", { delayMs: 5000 });
    const store = make(300);
    const message = await expectUnavailable(() => store.get("k"), 1000);
    expect(message).toMatch(/timeout/i);
    await expectUnavailable(() => store.publish({ a: 1 }), 1000);
    await expectUnavailable(() => store.acquireLock("refresh", 5), 1000);
  });

  it("server error (500) and a wrong token (401): StoreUnavailableError, tokens masked", async () => {
    upstash.rest.setMode("error");
    expect(await expectUnavailable(() => make(1000).get("k"), 1000)).toMatch(/simulated store failure/);
    upstash.rest.setMode("ok");
    const wrong = "wrong-token-123456";
    const message = await expectUnavailable(() => make(1000, wrong).get("k"), 1000, wrong);
    expect(message).toMatch(/Unauthorized/);
  });
});
