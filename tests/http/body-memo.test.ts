import { describe, expect, it } from "vitest";
import { memoBody } from "../../lib/http/body-memo.js";

describe("memoBody", () => {
  it("builds a body once per ETag", () => {
    let builds = 0;
    const build = () => `body ${++builds}`;
    expect(memoBody('"a1"', build)).toBe("body 1");
    expect(memoBody('"a1"', build)).toBe("body 1");
    expect(memoBody('"b1"', build)).toBe("body 2");
    expect(builds).toBe(2);
  });

  it("forgets the least recently used bodies beyond its bound", () => {
    let builds = 0;
    const build = () => `x${++builds}`;
    memoBody('"first"', build);
    for (let i = 0; i < 100; i++) memoBody(`"fill-${i}"`, build);
    const before = builds;
    memoBody('"first"', build);
    expect(builds).toBe(before + 1);
  });
});
