import { describe, expect, it } from "vitest";
import { canonicalFilterQuery, describeFilter } from "../../lib/api/filter-label.js";
import { papersFilterKey } from "../../lib/api/papers-page.js";
import { FeedFilterParamsSchema, PapersParamsSchema } from "../../lib/api/params.js";
import {
  isPersonal,
  personalProfileLists,
  personalRules,
  rankPersonal,
} from "../../lib/api/personal-rank.js";
import { ConfigSchema } from "../../lib/config/schema.js";
import { parseQuery } from "../../lib/http/query.js";
import type { RankedPaper } from "../../lib/model/snapshot.js";
import { rankPapers } from "../../lib/rank/rank-papers.js";
import { makePaper } from "../rank/paper-factory.js";

/*
 * Which examples and keywords a personal feed ranks by, decided in one place: the reader's own
 * like/dislike replace config.json's profile; like= without keywords= replaces the configured
 * keywords; keywords= alone ranks exactly as before profiles existed.
 */
const config = ConfigSchema.parse({
  categories: ["cs.LG"],
  keywords: ["inference"],
  min_score: 2,
  profile: { like: ["https://arxiv.org/abs/2601.09555v2"], dislike: ["2601.22101"] },
});
const bare = ConfigSchema.parse({ categories: ["cs.LG"], keywords: ["inference"], min_score: 2 });
const parse = (query: string) => parseQuery(FeedFilterParamsSchema, new URLSearchParams(query));

describe("which papers a personal feed is ranked like", () => {
  it("the reader's like/dislike replace the configured profile as a whole", () => {
    expect(personalProfileLists(parse("like=2601.00001"), config)).toEqual({
      like: [{ id: "2601.00001" }],
      dislike: [],
    });
    expect(personalProfileLists(parse("dislike=2601.00002v3"), config)).toEqual({
      like: [],
      dislike: [{ id: "2601.00002", version: 3 }],
    });
  });

  it("keywords= alone: none; other filters: the configured profile; no profile configured: none", () => {
    expect(personalProfileLists(parse("keywords=moe"), config)).toBeUndefined();
    expect(personalProfileLists(parse("exclude=survey"), config)).toEqual({
      like: [{ id: "2601.09555", version: 2 }],
      dislike: [{ id: "2601.22101" }],
    });
    expect(personalProfileLists(parse("exclude=survey"), bare)).toBeUndefined();
  });

  it("like= without keywords= drops the configured keywords and min score; dislike= alone keeps them", () => {
    const rules = (query: string) => personalRules(config, parse(query), 10);
    expect(rules("like=2601.00001")).toMatchObject({ keywords: [], minScore: 0 });
    expect(rules("like=2601.00001&keywords=moe")).toMatchObject({ keywords: ["moe"], minScore: 0 });
    expect(rules("dislike=2601.00001")).toMatchObject({ keywords: ["inference"], minScore: 2 });
    expect(rules("like=2601.00001&min_score=1")).toMatchObject({ minScore: 1 });
    expect(isPersonal(parse("dislike=2601.00001"))).toBe(true);
  });

  it("without resolved papers, rankPersonal is rankPapers", () => {
    const pool: RankedPaper[] = ["Fast inference", "Inference at scale, inference", "Other"].map(
      (title, i) => ({
        ...makePaper({ id: `2601.0000${i + 1}`, title }),
        score: 0,
        matches: [],
      }),
    );
    const filter = parse("keywords=inference");
    expect(rankPersonal(pool, "cs.LG", bare, filter, 10)).toEqual(
      rankPapers(pool, personalRules(bare, filter, 10), { reuse: true }),
    );
  });
});

describe("named papers in titles, URLs and cache keys", () => {
  it("the canonical query writes canonical ids, so a link and its id give one URL and one ETag", () => {
    const link = parse("like=https://arxiv.org/pdf/2601.09555v2.pdf,arXiv:2601.22101");
    const ids = parse("like=2601.09555v2,2601.22101");
    expect(canonicalFilterQuery(link)).toBe("like=2601.09555v2,2601.22101");
    expect(canonicalFilterQuery(ids)).toBe(canonicalFilterQuery(link));
    const api = (query: string) => parseQuery(PapersParamsSchema, new URLSearchParams(query));
    expect(papersFilterKey("cs.LG", api("like=2601.09555"))).not.toBe(
      papersFilterKey("cs.LG", api("dislike=2601.09555")),
    );
  });

  it("a feed title names two papers and counts the rest", () => {
    expect(describeFilter(parse("like=2601.00001,2601.00002,2601.00003&dislike=2601.00004"))).toBe(
      "like 2601.00001, 2601.00002 and 1 more; unlike 2601.00004",
    );
  });
});
