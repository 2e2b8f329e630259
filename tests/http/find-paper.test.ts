import { describe, expect, it } from "vitest";
import { findPaper } from "../../lib/api/find-paper.js";
import type { FeedSnapshot, RankedPaper } from "../../lib/model/snapshot.js";
import { makePaper, SAMPLE_SUMMARY } from "../rank/paper-factory.js";

const ranked = (id: string, version: number, extra: Partial<RankedPaper> = {}): RankedPaper => ({
  ...makePaper({ id, version }),
  score: 1,
  matches: [],
  ...extra,
});
const snap = (name: string, papers: RankedPaper[]): FeedSnapshot => ({
  version: "v",
  generatedAt: "2026-01-30T06:30:00.000Z",
  name,
  papers,
});

describe("findPaper", () => {
  it("answers the newest stored version, and the feeds that publish the paper", () => {
    const result = findPaper(
      [
        { snapshot: snap("cs.LG", [ranked("a", 1, { summary: SAMPLE_SUMMARY })]), published: true },
        { snapshot: snap("all", [ranked("a", 2)]), published: false },
      ],
      { id: "a", version: undefined },
    );
    expect(result).toMatchObject({
      found: true,
      response: { paper: { id: "a", version: 2 }, feeds: ["cs.LG"] },
    });
  });

  it("prefers a feed's entry, and one with a summary, at equal versions", () => {
    const result = findPaper(
      [
        { snapshot: snap("all", [ranked("a", 1)]), published: false },
        { snapshot: snap("cs.AI", [ranked("a", 1)]), published: true },
        { snapshot: snap("cs.LG", [ranked("a", 1, { summary: SAMPLE_SUMMARY })]), published: true },
      ],
      { id: "a", version: undefined },
    );
    expect(result.found && result.response.paper.summary).toBeTruthy();
    expect(result.found && result.response.feeds).toEqual(["cs.AI", "cs.LG"]);
  });

  it("answers the same whatever order the snapshots come in", () => {
    const entries = [
      {
        snapshot: snap("all", [ranked("a", 1, { summary: SAMPLE_SUMMARY, title: "window" })]),
        published: false,
      },
      { snapshot: snap("cs.AI", [ranked("a", 1, { title: "feed, no summary" })]), published: true },
      {
        snapshot: snap("cs.LG", [ranked("a", 1, { summary: SAMPLE_SUMMARY, title: "feed" })]),
        published: true,
      },
    ];
    const orders = [
      [0, 1, 2],
      [0, 2, 1],
      [1, 0, 2],
      [1, 2, 0],
      [2, 0, 1],
      [2, 1, 0],
    ];
    for (const order of orders) {
      const result = findPaper(
        order.map((i) => entries[i] as (typeof entries)[number]),
        { id: "a", version: undefined },
      );
      expect(result.found && result.response.paper.title, order.join()).toBe("feed");
    }
  });

  it("says which version is stored when another is asked for", () => {
    const result = findPaper([{ snapshot: snap("all", [ranked("a", 2)]), published: false }], {
      id: "a",
      version: 1,
    });
    expect(result).toEqual({ found: false, storedVersion: 2 });
  });
});
