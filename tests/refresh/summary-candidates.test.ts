import { describe, expect, it } from "vitest";
import { ConfigSchema } from "../../lib/config/schema.js";
import type { RankedPaper } from "../../lib/model/snapshot.js";
import { byScoreThenId } from "../../lib/rank/rank-papers.js";
import { defaultPerFeed, summaryCandidates } from "../../lib/refresh/summary-candidates.js";
import { makePaper } from "../render/papers.js";

/** `count` papers of `category` announced on `day`, scored `top`, `top - 1`, … */
function feedOf(category: string, count: number, top: number, day = "2026-04-27"): RankedPaper[] {
  return Array.from({ length: count }, (_, index) =>
    makePaper({ id: `${category}.${index}`, primaryCategory: category, score: top - index, announced: day }),
  );
}

/** The combined feed and four category feeds, where cs.LG's papers all score below the others'. */
function fiveFeeds(): RankedPaper[][] {
  const categories = [
    feedOf("cs.AI", 30, 100),
    feedOf("cs.CL", 30, 90),
    feedOf("cs.DC", 30, 80),
    feedOf("cs.LG", 30, 20),
  ];
  return [categories.flat(), ...categories];
}

const ids = (papers: RankedPaper[]) => papers.map((paper) => paper.id);

describe("summaryCandidates", () => {
  it("summarises every feed's top papers within the same daily budget", () => {
    const feeds = fiveFeeds();
    const picked = summaryCandidates(feeds, 15);
    expect(picked).toHaveLength(15);
    expect(new Set(ids(picked)).size).toBe(15);
    // 15 shared by 5 feeds: each category's top 3, the combined feed's top 3 among them.
    for (const feed of feeds.slice(1)) {
      expect(ids(picked), feed[0]?.primaryCategory).toEqual(expect.arrayContaining(ids(feed.slice(0, 3))));
    }
    // Rank by rank: each category's best comes before any feed's second best.
    expect(ids(picked).slice(0, 4)).toEqual(["cs.AI.0", "cs.CL.0", "cs.DC.0", "cs.LG.0"]);
  });

  it("with per_feed 0 takes the day's best of all feeds, which leaves cs.LG without any", () => {
    const picked = summaryCandidates(fiveFeeds(), 15, 0);
    const best = [...(fiveFeeds()[0] ?? [])].sort(byScoreThenId).slice(0, 15);
    expect(new Set(ids(picked))).toEqual(new Set(ids(best)));
    expect(picked.some((paper) => paper.primaryCategory === "cs.LG")).toBe(false);
  });

  it("never exceeds the budget, whatever per_feed asks", () => {
    expect(summaryCandidates(fiveFeeds(), 6, 10)).toHaveLength(6);
    expect(summaryCandidates(fiveFeeds(), 0)).toHaveLength(0);
    expect(ids(summaryCandidates(fiveFeeds(), 4, 1))).toEqual(["cs.AI.0", "cs.CL.0", "cs.DC.0", "cs.LG.0"]);
  });

  it("fills the rest of the budget with the best papers overall, one budget per day, newest day first", () => {
    const feeds = [
      [...feedOf("cs.AI", 5, 50, "2026-04-24"), ...feedOf("cs.AI", 5, 10, "2026-04-27")],
      [...feedOf("cs.LG", 5, 40, "2026-04-27")],
    ];
    const picked = summaryCandidates(feeds, 4, 1);
    expect(ids(picked)).toEqual([
      // 2026-04-27: each feed's best, then the best remaining (cs.LG scores above cs.AI there).
      "cs.AI.0",
      "cs.LG.0",
      "cs.LG.1",
      "cs.LG.2",
      // 2026-04-24: only cs.AI had papers.
      "cs.AI.0",
      "cs.AI.1",
      "cs.AI.2",
      "cs.AI.3",
    ]);
    expect(picked.map((paper) => paper.announced)).toEqual([
      ...Array(4).fill("2026-04-27"),
      ...Array(4).fill("2026-04-24"),
    ]);
  });

  it("defaults per_feed to the budget shared by the feeds, at least 1", () => {
    expect(defaultPerFeed(15, 5)).toBe(3);
    expect(defaultPerFeed(3, 5)).toBe(1);
    expect(defaultPerFeed(0, 5)).toBe(0);
  });
});

describe("ai_summary.per_feed in config.json", () => {
  const base = { categories: ["cs.LG"], keywords: ["x"] };
  it("is optional, and must be a whole number from 0 to 200", () => {
    expect(ConfigSchema.parse(base).ai_summary.per_feed).toBeUndefined();
    expect(ConfigSchema.parse({ ...base, ai_summary: { per_feed: 4 } }).ai_summary.per_feed).toBe(4);
    for (const bad of [-1, 1.5, 201, "3"]) {
      expect(ConfigSchema.safeParse({ ...base, ai_summary: { per_feed: bad } }).success, String(bad)).toBe(
        false,
      );
    }
  });
});
