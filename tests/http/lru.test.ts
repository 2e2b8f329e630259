import { describe, expect, it } from "vitest";
import { createLru } from "../../lib/http/lru.js";

const sized = (maxEntries: number, maxWeight: number) =>
  createLru<string>({ maxEntries, maxWeight, weight: (value) => value.length });

describe("createLru", () => {
  it("builds once per key, and evicts the least recently used, not the first stored", () => {
    const lru = sized(2, 100);
    let builds = 0;
    const get = (key: string) =>
      lru.get(key, () => {
        builds++;
        return key;
      });
    get("a");
    get("b");
    get("a"); // a is now the most recent
    get("c"); // over two entries: b goes, a stays
    expect(builds).toBe(3);
    get("a");
    expect(builds).toBe(3);
    get("b");
    expect(builds).toBe(4);
  });

  it("keeps the total weight under its bound, and does not keep one value heavier than a quarter of it", () => {
    const lru = sized(100, 40);
    let builds = 0;
    const get = (key: string, size: number) =>
      lru.get(key, () => {
        builds++;
        return "x".repeat(size);
      });
    get("big", 11);
    get("big", 11);
    expect(builds).toBe(2);
    for (const key of ["p", "q", "r", "s", "t"]) get(key, 10); // 50 > 40: the oldest goes
    builds = 0;
    get("t", 10);
    get("q", 10);
    expect(builds).toBe(0);
    get("p", 10);
    expect(builds).toBe(1);
  });
});
