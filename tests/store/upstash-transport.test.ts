/**
 * The Upstash driver's transport (lib/store/upstash-transport.ts, node:http under the SDK):
 * what it keeps of the SDK's own fetch transport, over the loopback REST server and a real
 * redis-server. Timeouts, outages, refused connections, 401 and 500 are in upstash.test.ts.
 */
import { createClient } from "redis";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Store, StoreTooLargeError, StoreUnavailableError } from "../../lib/store/types.js";
import { createUpstashStore } from "../../lib/store/upstash.js";
import { MAX_RESPONSE_BYTES } from "../../lib/store/upstash-transport.js";
import { openUpstashStore, upstashOverRedis } from "../helpers/upstash-rest-server.js";

const upstash = upstashOverRedis();

describe("upstash transport", () => {
  let store: Store;
  let prefix: string;
  beforeEach(() => {
    ({ store, prefix } = openUpstashStore(upstash));
  });
  afterEach(async () => {
    upstash.rest.setMode("ok");
    await store.close();
  });

  it("read-your-writes: each request sends the sync token of the answer before it", async () => {
    await store.set("k", 1);
    await store.get("k");
    await store.publish({ k: 2 });
    await store.getMany(["k"]);
    const [first, ...later] = upstash.rest.stats().syncTokensReceived;
    expect(first).toBe("");
    expect(later).toHaveLength(3);
    for (const token of later) expect(token).toMatch(/^sync-\d+$/);
    const numbers = later.map((token) => Number(token.slice("sync-".length)));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(new Set(numbers).size).toBe(3);
  });

  it("a connection lost before the answer is tried once more; the command then succeeds", async () => {
    await store.set("k", "value");
    upstash.rest.resetStats();
    upstash.rest.setMode("down", { times: 1 });
    expect(await store.get("k")).toBe("value");
    expect(upstash.rest.stats()).toMatchObject({ requests: 2, commands: 1 });
  });

  it("a URL with a trailing slash reaches the same endpoints (/, /multi-exec)", async () => {
    const slashed = createUpstashStore({
      url: `${upstash.rest.url}/`,
      token: upstash.rest.token,
      keyPrefix: prefix,
    });
    try {
      await slashed.publish({ a: 1, b: 2 });
      expect(await slashed.getMany(["a", "b"])).toEqual([1, 2]);
      expect(upstash.rest.stats().byPath).toEqual({ "/multi-exec": 1, "/": 1 });
    } finally {
      await slashed.close();
    }
  });

  it("an HTTP error is an answer, not retried", async () => {
    upstash.rest.setMode("error");
    await expect(store.get("k")).rejects.toThrow(StoreUnavailableError);
    expect(upstash.rest.stats().requests).toBe(1);
  });

  it("an answer over MAX_RESPONSE_BYTES is refused as too large, and the store still works", async () => {
    const raw = createClient({ url: upstash.redis.url });
    await raw.connect();
    try {
      await raw.set(`${prefix}huge`, JSON.stringify("x".repeat(MAX_RESPONSE_BYTES)));
    } finally {
      await raw.close();
    }
    await expect(store.get("huge")).rejects.toThrow(StoreTooLargeError);
    await store.set("small", [1]);
    expect(await store.get("small")).toEqual([1]);
  });
});
