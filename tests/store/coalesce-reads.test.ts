import { describe, expect, it } from "vitest";
import { coalesceReads } from "../../lib/store/coalesce-reads.js";
import { createMemoryStore } from "../../lib/store/memory.js";
import type { Store } from "../../lib/store/types.js";

/** A memory store that counts reads and answers them after a pause (a real store's round trip). */
function slowCountingStore(): { store: Store; reads: () => number } {
  const inner = createMemoryStore();
  let reads = 0;
  const pause = () => new Promise((resolve) => setTimeout(resolve, 20));
  return {
    reads: () => reads,
    store: {
      ...inner,
      get: async <T>(key: string) => {
        reads++;
        await pause();
        return inner.get<T>(key);
      },
      getMany: async <T>(keys: readonly string[]) => {
        reads++;
        await pause();
        return inner.getMany<T>(keys);
      },
    },
  };
}

describe("coalesceReads", () => {
  it("shares one read among concurrent gets of a key", async () => {
    const { store, reads } = slowCountingStore();
    await store.set("feed:all", { version: "v1" });
    const coalesced = coalesceReads(store);
    const values = await Promise.all(Array.from({ length: 50 }, () => coalesced.get("feed:all")));
    expect(reads()).toBe(1);
    expect(values.every((v) => (v as { version: string }).version === "v1")).toBe(true);
  });

  it("shares one read among concurrent getMany calls of the same key list only", async () => {
    const { store, reads } = slowCountingStore();
    await store.set("feed:all", 1);
    await store.set("pool:all:0", 2);
    const coalesced = coalesceReads(store);
    const same = Array.from({ length: 20 }, () => coalesced.getMany(["feed:all", "pool:all:0"]));
    const other = coalesced.getMany(["feed:all"]);
    const single = coalesced.get("feed:all");
    expect(await Promise.all(same)).toEqual(Array.from({ length: 20 }, () => [1, 2]));
    expect(await other).toEqual([1]);
    expect(await single).toBe(1);
    expect(reads()).toBe(3);
  });

  it("caches nothing: a later read sees a new value and costs its own command", async () => {
    const { store, reads } = slowCountingStore();
    const coalesced = coalesceReads(store);
    await store.set("k", 1);
    expect(await coalesced.get("k")).toBe(1);
    await store.set("k", 2);
    expect(await coalesced.get("k")).toBe(2);
    expect(reads()).toBe(2);
  });

  it("passes errors to every waiting reader and recovers after them", async () => {
    const { store } = slowCountingStore();
    let fail = true;
    const flaky: Store = {
      ...store,
      get: async (key) => {
        if (fail) throw new Error("down");
        return store.get(key);
      },
    };
    const coalesced = coalesceReads(flaky);
    const results = await Promise.allSettled([coalesced.get("k"), coalesced.get("k")]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    fail = false;
    expect(await coalesced.get("k")).toBeNull();
  });
});
