import { describe, expect, it } from "vitest";
import { canonicalFilterQuery, describeFilter } from "../../lib/api/filter-label.js";
import { isPersonal, personalRules, rankPersonal } from "../../lib/api/personal-rank.js";
import { ConfigSchema } from "../../lib/config/schema.js";
import type { RankedPaper } from "../../lib/model/snapshot.js";
import { makePaper } from "../rank/paper-factory.js";

const config = ConfigSchema.parse({
  categories: ["cs.LG", "cs.CL"],
  keywords: ["inference"],
  exclude_keywords: ["survey"],
  min_score: 2,
});
const ranked = (overrides: Parameters<typeof makePaper>[0]): RankedPaper => ({
  ...makePaper(overrides),
  score: 0,
  matches: [],
});

describe("personal rules", () => {
  it("own keywords replace the configured ones and drop the configured min score; exclusions add up", () => {
    expect(personalRules(config, { keywords: ["moe"], exclude: ["benchmark"] }, 10)).toEqual({
      keywords: ["moe"],
      exclude: ["survey", "benchmark"],
      mode: "word",
      minScore: 0,
      maxPapers: 10,
      dedupe: ["id", "title", "link"],
    });
    expect(personalRules(config, { exclude: ["x"] }, 10).minScore).toBe(2);
    expect(personalRules(config, { keywords: ["moe"], min_score: 3 }, 10).minScore).toBe(3);
  });

  it("limit alone is not personal; any other filter is", () => {
    expect(isPersonal({})).toBe(false);
    expect(isPersonal({ cross_lists: false })).toBe(true);
    expect(isPersonal({ min_score: 0 })).toBe(true);
  });
});

describe("rankPersonal", () => {
  const pool = [
    ranked({ id: "2601.00001", title: "Fast MoE inference", authors: ["Bernhard Schölkopf"] }),
    ranked({ id: "2601.00002", title: "MoE training", authors: ["Ada Lovelace"], abstract: "A survey." }),
    ranked({
      id: "2601.00003",
      title: "MoE everywhere",
      primaryCategory: "cs.CL",
      categories: ["cs.CL", "cs.LG"],
    }),
  ];

  it("ranks the pool by the filter's keywords, without excluded papers", () => {
    expect(
      rankPersonal(pool, "cs.LG", config, { keywords: ["moe", "inference"], cross_lists: true }, 10).map(
        (p) => p.id,
      ),
    ).toEqual(["2601.00001", "2601.00003"]);
  });

  it("matches authors without regard to case or accents", () => {
    expect(
      rankPersonal(pool, "cs.LG", config, { keywords: ["moe"], authors: ["SCHOLKOPF"] }, 10).map((p) => p.id),
    ).toEqual(["2601.00001"]);
  });

  it("cross_lists=0 drops papers whose primary category is another; without it, the config decides", () => {
    // Paper 3 is cs.CL's, cross-listed into cs.LG: only a cross-list there, itself in `all`.
    const inAll = rankPersonal(pool, "all", config, { keywords: ["moe"], cross_lists: false }, 10);
    expect(inAll.map((p) => p.id)).toContain("2601.00003");
    const ids = (filter: Parameters<typeof rankPersonal>[3], cfg = config) =>
      rankPersonal(pool, "cs.LG", cfg, filter, 10).map((p) => p.id);
    expect(ids({ keywords: ["moe"], cross_lists: false })).toEqual(["2601.00001"]);
    expect(ids({ keywords: ["moe"] })).toEqual(["2601.00001"]);
    // Equal scores: the newer arXiv id first.
    expect(ids({ keywords: ["moe"] }, { ...config, include_cross_lists: true })).toEqual([
      "2601.00003",
      "2601.00001",
    ]);
  });
});

describe("filter labels", () => {
  const filter = {
    keywords: ["moe", "speculative decoding"],
    exclude: ["survey"],
    min_score: 3,
    limit: 5,
    cross_lists: true,
  };
  it("say what the filter is", () => {
    expect(describeFilter(filter)).toBe(
      "keywords moe, speculative decoding; excluding survey; min score 3; with cross-lists; top 5",
    );
  });
  it("give one canonical query with literal commas", () => {
    expect(canonicalFilterQuery(filter)).toBe(
      "keywords=moe,speculative+decoding&exclude=survey&min_score=3&limit=5&cross_lists=1",
    );
    expect(canonicalFilterQuery({})).toBe("");
  });
});
