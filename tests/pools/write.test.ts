import { describe, expect, it } from "vitest";
import type { PoolSnapshot } from "../../lib/model/snapshot.js";
import { packPool, poolPapers } from "../../lib/pools/codec.js";
import { poolTtlSeconds } from "../../lib/pools/slots.js";
import { writeDayPools } from "../../lib/pools/write.js";
import { createMemoryStore } from "../../lib/store/memory.js";
import type { PublishOptions, SetOptions, Store } from "../../lib/store/types.js";
import { makePaper } from "../rank/paper-factory.js";

/** A memory store that records the writes it is asked for, in order. */
function recordingStore() {
  const inner = createMemoryStore();
  const calls: { op: string; keys: string[]; options?: SetOptions | PublishOptions }[] = [];
  const store: Store = {
    ...inner,
    set: (key, value, options) => {
      calls.push({ op: "set", keys: [key], options });
      return inner.set(key, value, options);
    },
    publish: (entries, options) => {
      calls.push({ op: "publish", keys: Object.keys(entries), options });
      return inner.publish(entries, options);
    },
  };
  return { store, calls };
}

const pool: PoolSnapshot = {
  version: "r1",
  generatedAt: "2026-01-29T06:30:00.000Z",
  name: "all",
  announced: "2026-01-29",
  papers: [{ ...makePaper({ id: "2601.00001" }), score: 1, matches: [] }],
};
const entries = { "feed:all": { version: "r1", papers: [] }, "meta:refresh": { version: "r1" } };
const options = { days: 7, partial: false, log: () => {} };

describe("writeDayPools", () => {
  it("publishes the pools with the feeds in one atomic write, the pools with their TTL", async () => {
    const { store, calls } = recordingStore();
    await writeDayPools(store, entries, [{ key: "pool:all:3", pool }], options);
    expect(calls).toEqual([
      {
        op: "publish",
        keys: ["feed:all", "meta:refresh", "pool:all:3"],
        options: { ttlSecondsByKey: { "pool:all:3": poolTtlSeconds(7) } },
      },
    ]);
    expect(poolPapers("pool:all:3", await store.get("pool:all:3"))).toEqual(pool.papers);
  });

  it("over the budget, writes the pools first, one request each, then the feeds", async () => {
    const { store, calls } = recordingStore();
    const log: string[] = [];
    await writeDayPools(store, entries, [{ key: "pool:all:3", pool }], {
      ...options,
      budgetBytes: 10,
      log: (line) => log.push(line),
    });
    expect(calls.map((c) => `${c.op} ${c.keys.join(",")}`)).toEqual([
      "set pool:all:3",
      "publish feed:all,meta:refresh",
    ]);
    expect(calls[0]?.options).toEqual({ ttlSeconds: poolTtlSeconds(7) });
    expect(log[0]).toMatch(/over 10: pools written first/);
  });

  it("a partial run adds the day's stored combined pool to its own, and only that day's", async () => {
    const store = createMemoryStore();
    const older = { ...pool, papers: [{ ...makePaper({ id: "2601.00009" }), score: 0, matches: [] }] };
    const write = { key: "pool:all:3", pool };
    // The stored pool of the same day holds a paper this run lacks (its category failed).
    await store.set("pool:all:3", packPool(older));
    await writeDayPools(store, entries, [write], { ...options, partial: true });
    expect(poolPapers("pool:all:3", await store.get("pool:all:3")).map((p) => p.id)).toEqual([
      "2601.00001",
      "2601.00009",
    ]);
    // Another day in the slot: nothing of it is kept.
    await store.set("pool:all:3", packPool({ ...older, announced: "2026-01-22" }));
    await writeDayPools(store, entries, [write], { ...options, partial: true });
    expect(poolPapers("pool:all:3", await store.get("pool:all:3")).map((p) => p.id)).toEqual(["2601.00001"]);
    // Not partial: the run's own pool, whatever is stored.
    await store.set("pool:all:3", packPool(older));
    await writeDayPools(store, entries, [write], options);
    expect(poolPapers("pool:all:3", await store.get("pool:all:3")).map((p) => p.id)).toEqual(["2601.00001"]);
  });

  it("a partial run over an unreadable stored pool, or a store that fails the read, writes its own", async () => {
    const store = createMemoryStore();
    await store.set("pool:all:3", {
      packed: "gzip+base64",
      data: "bm90IGd6aXA=",
      head: { ...pool, papers: undefined },
    });
    await writeDayPools(store, entries, [{ key: "pool:all:3", pool }], { ...options, partial: true });
    expect(poolPapers("pool:all:3", await store.get("pool:all:3")).map((p) => p.id)).toEqual(["2601.00001"]);

    const log: string[] = [];
    const failing: Store = { ...createMemoryStore(), getMany: () => Promise.reject(new Error("down")) };
    await writeDayPools(failing, entries, [{ key: "pool:all:3", pool }], {
      ...options,
      partial: true,
      log: (line) => log.push(line),
    });
    expect(log[0]).toMatch(/stored pool not read \(down\)/);
    expect(poolPapers("pool:all:3", await failing.get("pool:all:3")).map((p) => p.id)).toEqual([
      "2601.00001",
    ]);
  });
});
