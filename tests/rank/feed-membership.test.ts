import { describe, expect, it } from "vitest";
import { admits } from "../../lib/rank/feed-membership.js";
import { makePaper } from "./paper-factory.js";

const categories = ["cs.AI", "cs.LG"];
const primaryLg = makePaper({ id: "1", categories: ["cs.LG", "cs.AI"], primaryCategory: "cs.LG" });
const crossIntoAi = makePaper({
  id: "2",
  announceType: "cross",
  categories: ["stat.ML", "cs.AI"],
  primaryCategory: "stat.ML",
});
const replaced = makePaper({
  id: "3",
  announceType: "replace",
  categories: ["cs.LG"],
  primaryCategory: "cs.LG",
});

describe("admits", () => {
  it("category feeds hold primary new papers; cross-lists only when allowed", () => {
    const strict = { categories, includeCrossLists: false };
    expect(admits("cs.LG", primaryLg, strict)).toBe(true);
    expect(admits("cs.AI", primaryLg, strict)).toBe(false);
    expect(admits("cs.AI", crossIntoAi, strict)).toBe(false);
    const loose = { categories, includeCrossLists: true };
    expect(admits("cs.AI", primaryLg, loose)).toBe(true);
    expect(admits("cs.AI", crossIntoAi, loose)).toBe(true);
  });

  it("never admits replacements, and `all` admits any configured category", () => {
    const rules = { categories, includeCrossLists: true };
    expect(admits("cs.LG", replaced, rules)).toBe(false);
    expect(admits("all", replaced, rules)).toBe(false);
    expect(admits("all", primaryLg, rules)).toBe(true);
    expect(
      admits("all", makePaper({ id: "4", categories: ["math.OC"], primaryCategory: "math.OC" }), rules),
    ).toBe(false);
  });
});
