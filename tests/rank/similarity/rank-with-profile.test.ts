import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseArxivFeed } from "../../../lib/arxiv/parse.js";
import { parseConfig } from "../../../lib/config/settings.js";
import type { Paper } from "../../../lib/model/paper.js";
import { type RankRules, rankPapers } from "../../../lib/rank/rank-papers.js";
import { rankRulesFrom } from "../../../lib/rank/rules-from-config.js";
import { compileRules, scorePaper } from "../../../lib/rank/score.js";
import { combinedScore, isRankable, SIMILARITY_POINTS } from "../../../lib/rank/similarity/combine.js";
import { profileScores } from "../../../lib/rank/similarity/profile-rank.js";
import {
  NO_PROFILE,
  ProfileRankedPaperSchema,
  rankWithProfile,
} from "../../../lib/rank/similarity/rank-with-profile.js";
import { paperTerms } from "../../../lib/rank/similarity/terms.js";
import { readFixture } from "../../helpers/fixtures.js";

const config = parseConfig(readFileSync(resolve("config.json"), "utf8"));
const configured = rankRulesFrom(config);

/** The full-size fixture day: 1,430 papers. */
function fixtureDay(): Paper[] {
  const outcome = parseArxivFeed(readFixture("arxiv", "daily", "rss-cs.AI+cs.CL+cs.DC+cs.LG.xml"));
  if (!outcome.ok) throw outcome.error;
  return outcome.feed.papers;
}

const day = fixtureDay();
/** Real titles: the first papers of the day are the reference papers, unchanged. */
const likes = day.slice(0, 3);
const dislikes = day.slice(3, 4);

describe("combinedScore", () => {
  it("is today's keyword score itself without a profile", () => {
    expect(Object.is(combinedScore(4.5, undefined), 4.5)).toBe(true);
    expect(Object.is(combinedScore(0, undefined), 0)).toBe(true);
  });

  it("adds SIMILARITY_POINTS per unit of similarity, and takes points away below 0", () => {
    expect(combinedScore(2, 0.25)).toBeCloseTo(2 + 0.25 * SIMILARITY_POINTS, 12);
    expect(combinedScore(3, -0.1)).toBeLessThan(3);
  });

  it("ranks a paper that matched a keyword, or is similar to the profile", () => {
    expect(isRankable(true, undefined)).toBe(true);
    expect(isRankable(false, undefined)).toBe(false);
    expect(isRankable(false, 0.01)).toBe(true);
    expect(isRankable(false, 0)).toBe(false);
  });
});

describe("rankWithProfile", () => {
  it.each([
    ["the configured rules", configured],
    ["word mode, no minimum, 200 papers", { ...configured, mode: "word", minScore: 0, maxPapers: 200 }],
    ["no deduplication", { ...configured, dedupe: [] }],
  ] as [string, RankRules][])("equals today's ranking exactly with an empty profile (%s)", (_name, rules) => {
    const today = rankPapers(day, rules);
    expect(today.length).toBeGreaterThan(10);
    expect(rankWithProfile(day, rules, NO_PROFILE)).toEqual(today);
    expect(rankWithProfile(day, rules, NO_PROFILE, { reuse: true })).toEqual(today);
  });

  it("ranks by similarity alone when there are no keywords", () => {
    const rules: RankRules = { ...configured, keywords: [], minScore: 0, maxPapers: 50, dedupe: [] };
    const ranked = rankWithProfile(day, rules, { likes, dislikes: [] });
    expect(ranked).toHaveLength(50);
    const best = profileScores(day, likes, [])
      .sort((a, b) => b.similarity - a.similarity || (a.paper.id < b.paper.id ? 1 : -1))
      .slice(0, 50);
    expect(ranked.map((p) => p.id)).toEqual(best.map((s) => s.paper.id));
    for (const paper of ranked) {
      expect(paper.matches).toEqual([]);
      expect(paper.score).toBeCloseTo(SIMILARITY_POINTS * (paper.similarity ?? Number.NaN), 12);
      expect(paper.closeTo?.title).toBeDefined();
      expect(ProfileRankedPaperSchema.safeParse(paper).success).toBe(true);
    }
  });

  it("says which liked paper every ranked paper is close to, also one sharing no word with any like", () => {
    // A title alone: most papers reach it only through the feedback papers' words.
    const like = { id: "2601.00001", title: "Quantization of language models", abstract: "" };
    const rules: RankRules = { ...configured, keywords: [], minScore: 0, maxPapers: 2000, dedupe: [] };
    const ranked = rankWithProfile(day, rules, { likes: [like], dislikes: [] });
    const likeTerms = paperTerms(like);
    const sharesNoWord = (paper: Paper) =>
      [...paperTerms(paper).keys()].every((term) => !likeTerms.has(term));
    expect(ranked.filter(sharesNoWord).length).toBeGreaterThan(0);
    for (const paper of ranked) {
      expect(paper.similarity, paper.id).toBeGreaterThan(0);
      expect(paper.closeTo?.id, paper.id).toBe(like.id);
      expect(paper.closeTo?.similarity, paper.id).toBeGreaterThan(0);
      expect(paper.closeTo?.similarity, paper.id).toBeLessThanOrEqual(1);
    }
  });

  it("scores keywords and similarity with the one formula, and still applies exclusions and min_score", () => {
    const rules: RankRules = { ...configured, minScore: 3, maxPapers: 1000, dedupe: [] };
    const ranked = rankWithProfile(day, rules, { likes, dislikes });
    const compiled = compileRules(rules.keywords, rules.exclude, rules.mode);
    const keywordScore = (paper: Paper) => {
      const result = scorePaper(paper, compiled);
      return result.excluded ? Number.NaN : result.score;
    };
    expect(ranked.length).toBeGreaterThan(0);
    for (const paper of ranked) {
      expect(paper.score).toBeGreaterThanOrEqual(3);
      expect(paper.score).toBeCloseTo(combinedScore(keywordScore(paper), paper.similarity), 12);
      expect(/survey|review|tutorial/i.test(`${paper.title} ${paper.abstract}`)).toBe(false);
    }
  });

  it("never returns the named papers, and puts papers near a dislike lower", () => {
    const rules: RankRules = {
      ...configured,
      keywords: [],
      minScore: Number.NEGATIVE_INFINITY,
      maxPapers: 2000,
      dedupe: [],
    };
    const plain = rankWithProfile(day, rules, { likes, dislikes: [] });
    const disliking = rankWithProfile(day, rules, { likes, dislikes });
    const named = new Set([...likes, ...dislikes].map((p) => p.id));
    expect(disliking.filter((p) => named.has(p.id))).toEqual([]);
    const nearDislike = profileScores(day, dislikes, []).sort((a, b) => b.similarity - a.similarity)[0]?.paper
      .id;
    const rank = (list: { id: string }[]) => list.findIndex((p) => p.id === nearDislike);
    expect(rank(disliking) === -1 || rank(disliking) > rank(plain)).toBe(true);
  });
});
