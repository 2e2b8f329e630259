import { describe, expect, it } from "vitest";
import type { PoolSnapshot } from "../../lib/model/snapshot.js";
import { packPool } from "../../lib/pools/codec.js";
import { readWindow } from "../../lib/pools/read-window.js";
import { storeUnavailable } from "../../lib/store/driver-support.js";
import { createMemoryStore } from "../../lib/store/memory.js";
import { type Store, StoreTooLargeError, StoreUnavailableError } from "../../lib/store/types.js";
import { makePaper } from "../rank/paper-factory.js";

const pool = (day: string): PoolSnapshot => ({
  version: `r-${day}`,
  generatedAt: `${day}T06:30:00.000Z`,
  name: "all",
  announced: day,
  papers: [{ ...makePaper({ id: "2601.00001", announced: day }), score: 1, matches: [] }],
});

/** A memory store holding two pools and a corrupt slot, counting its reads; `refuse` fails multi-key reads. */
async function countingStore(refuse?: Error) {
  const inner = createMemoryStore();
  await inner.set("pool:all:0", packPool(pool("2026-01-29")));
  await inner.set("pool:all:1", packPool(pool("2026-01-30")));
  await inner.set("pool:all:2", { not: "a pool" });
  const reads: string[][] = [];
  const store: Store = {
    ...inner,
    getMany: (keys) => {
      reads.push([...keys]);
      if (refuse && keys.length > 1) return Promise.reject(refuse);
      return inner.getMany(keys);
    },
  };
  return { store, reads };
}

describe("readWindow", () => {
  it("reads the feed and every slot in one command, skipping a slot that is not a pool", async () => {
    const { store, reads } = await countingStore();
    const window = await readWindow(store, "all", 3);
    expect(reads).toEqual([["feed:all", "pool:all:0", "pool:all:1", "pool:all:2"]]);
    expect(window.feed).toBeNull();
    expect(window.pools.map((p) => [p.key, p.head.announced])).toEqual([
      ["pool:all:0", "2026-01-29"],
      ["pool:all:1", "2026-01-30"],
    ]);
  });

  it("reads key by key only when the store says the combined read is over its size limit", async () => {
    const tooLarge = storeUnavailable("upstash", "MGET", new Error("ERR max request size exceeded"));
    expect(tooLarge).toBeInstanceOf(StoreTooLargeError);
    const split = await countingStore(tooLarge);
    expect((await readWindow(split.store, "all", 3)).pools).toHaveLength(2);
    expect(split.reads).toHaveLength(5);

    const outage = storeUnavailable("upstash", "MGET", new Error("fetch failed"));
    expect(outage).not.toBeInstanceOf(StoreTooLargeError);
    const down = await countingStore(outage);
    await expect(readWindow(down.store, "all", 3)).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(down.reads).toHaveLength(1);
  });
});
