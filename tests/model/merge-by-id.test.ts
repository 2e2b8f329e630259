import { describe, expect, it } from "vitest";
import { mergeById } from "../../lib/model/merge-by-id.js";

const copy = (id: string, version: number, from: string) => ({ id, version, from });

describe("mergeById", () => {
  const lists = [
    [copy("a", 1, "one"), copy("b", 2, "one")],
    [copy("b", 3, "two"), copy("a", 1, "two"), copy("c", 1, "two")],
    [copy("b", 1, "three")],
  ];
  const from = (merged: { id: string; from: string }[]) => merged.map((p) => `${p.id}:${p.from}`);

  it("keeps each id once, in first-seen order, the copy the rule names", () => {
    expect(from(mergeById(lists, { keep: "first" }))).toEqual(["a:one", "b:one", "c:two"]);
    expect(from(mergeById(lists, { keep: "last" }))).toEqual(["a:two", "b:three", "c:two"]);
    // The highest version wins; on a tie the earlier copy stays.
    expect(from(mergeById(lists, { keep: "newest-version" }))).toEqual(["a:one", "b:two", "c:two"]);
  });

  it("lets the caller settle copies of the same version", () => {
    const merged = mergeById(lists, {
      keep: "newest-version",
      sameVersion: (earlier, later) => ({ ...earlier, from: `${earlier.from}+${later.from}` }),
    });
    expect(from(merged)).toEqual(["a:one+two", "b:two", "c:two"]);
  });
});
