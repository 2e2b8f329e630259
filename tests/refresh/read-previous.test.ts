import { describe, expect, it } from "vitest";
import { readPrevious } from "../../lib/refresh/read-previous.js";
import { createMemoryStore } from "../../lib/store/memory.js";
import { makePaper } from "../rank/paper-factory.js";

describe("readPrevious", () => {
  it("drops only the papers it cannot read, and treats a wrong frame or run record as absent", async () => {
    const store = createMemoryStore();
    const good = { ...makePaper({ id: "2601.00001" }), score: 2, matches: [] };
    const frame = { version: "v1", generatedAt: "2026-01-29T06:30:00.000Z", name: "cs.LG" };
    await store.set("feed:cs.LG", { ...frame, papers: [good, { id: 5 }] });
    await store.set("feed:cs.AI", { version: 1, papers: "none" });
    await store.set("meta:refresh", { finishedAt: 3 });
    const log: string[] = [];
    const previous = await readPrevious(store, ["cs.LG", "cs.AI", "cs.CL"], (line) => log.push(line));
    expect(previous.feeds.get("cs.LG")?.papers).toEqual([good]);
    expect(previous.feeds.get("cs.AI")).toBeNull();
    expect(previous.feeds.get("cs.CL")).toBeNull();
    expect(previous.meta).toBeNull();
    expect(log).toEqual([
      '1 unreadable paper(s) in "feed:cs.LG" dropped',
      'the value stored under "feed:cs.AI" is not a feed snapshot; it will be rewritten',
      'the value stored under "meta:refresh" is not a refresh record; it will be rewritten',
    ]);
  });
});
