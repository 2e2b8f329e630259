import { describe, expect, it } from "vitest";
import { embeddingSource, rescale, TENTH_CLOSEST_SIMILARITY } from "../../lib/embeddings/embedding-model.js";
import type { EmbeddingIndex } from "../../lib/embeddings/embedding-set.js";
import { paperText, versionKey } from "../../lib/embeddings/paper-key.js";
import { quantise } from "../../lib/embeddings/vector-codec.js";
import type { Paper } from "../../lib/model/paper.js";
import type { RankRules } from "../../lib/rank/rank-papers.js";
import { type Profile, rankWithProfile } from "../../lib/rank/similarity/rank-with-profile.js";
import { fakeEmbedding } from "../helpers/fake-embeddings.js";
import { makePaper } from "../rank/paper-factory.js";

/*
 * Ranking by a profile uses the embeddings when every named paper and candidate has a vector,
 * in the one formula (keyword points + SIMILARITY_POINTS × similarity), and the local tf-idf
 * otherwise. The fake model folds synonyms, so a paper that shares only synonyms with the liked
 * one is near it by embeddings and unrelated by tf-idf: the two orders differ.
 */
const DIMENSIONS = 64;
const like = makePaper({
  id: "2601.00001",
  title: "An automobile photograph dataset",
  abstract: "Automobile photograph dataset for detection.",
});
const synonyms = makePaper({
  id: "2601.00010",
  title: "Car picture benchmark",
  abstract: "Vehicle image benchmark for tracking.",
});
const sharesAWord = makePaper({
  id: "2601.00011",
  title: "Automobile insurance pricing",
  abstract: "Premiums, claims and regulation of automobile insurance markets.",
});
const TOPICS = ["protein folding", "galaxy surveys", "compiler passes", "auction design", "soil moisture"];
const fillers = Array.from({ length: 25 }, (_, k) =>
  makePaper({
    id: `2601.${String(100 + k).padStart(5, "0")}`,
    title: `${TOPICS[k % TOPICS.length]} study ${k}`,
    abstract: `Results on ${TOPICS[k % TOPICS.length]} with method ${k}.`,
  }),
);
const window = [synonyms, sharesAWord, ...fillers];

const vectorOf = (paper: Paper) => quantise(fakeEmbedding(paperText(paper), DIMENSIONS)) as Int8Array;
const indexOf = (papers: readonly Paper[]): EmbeddingIndex =>
  new Map(papers.map((paper) => [versionKey(paper), vectorOf(paper)]));

const rules: RankRules = { keywords: [], exclude: [], mode: "word", minScore: 0, maxPapers: 10, dedupe: [] };
const profile = (source?: Profile["source"]): Profile => ({
  likes: [like],
  dislikes: [],
  ...(source && { source }),
});
const ids = (papers: readonly { id: string }[]) => papers.map((paper) => paper.id);

describe("ranking by embeddings", () => {
  const source = embeddingSource(indexOf(window), new Map([[like.id, vectorOf(like)]]));

  it("ranks by the vectors when all are present, in another order than tf-idf", () => {
    const local = rankWithProfile(window, rules, profile());
    const embedded = rankWithProfile(window, rules, profile(source));
    expect(ids(local)[0]).toBe(sharesAWord.id);
    expect(ids(local)).not.toContain(synonyms.id);
    expect(ids(embedded)[0]).toBe(synonyms.id);
    expect(ids(embedded).indexOf(synonyms.id)).toBeLessThan(ids(embedded).indexOf(sharesAWord.id));
    const top = embedded[0];
    expect(top?.closeTo).toMatchObject({ id: like.id, title: like.title });
    expect(top?.closeTo?.similarity).toBeGreaterThan(0.5);
    expect(top?.closeTo?.similarity).toBeLessThanOrEqual(1);
    // The score is the one formula's: no keywords, so similarity points alone.
    expect(top?.score).toBeCloseTo(10 * (top?.similarity ?? 0), 9);
  });

  it("ranks a paper close to a disliked one lower", () => {
    const dislike = makePaper({
      id: "2601.00002",
      title: "Insurance premiums and claims",
      abstract: "Regulation of insurance markets, premiums and claims.",
    });
    const named = new Map([
      [like.id, vectorOf(like)],
      [dislike.id, vectorOf(dislike)],
    ]);
    const withDislike = embeddingSource(indexOf(window), named);
    const before = rankWithProfile(window, rules, profile(source));
    const after = rankWithProfile(window, rules, { likes: [like], dislikes: [dislike], source: withDislike });
    const similarityOf = (ranked: typeof before, id: string) =>
      ranked.find((paper) => paper.id === id)?.similarity;
    expect(similarityOf(before, sharesAWord.id)).toBeGreaterThan(0);
    expect(similarityOf(after, sharesAWord.id) ?? -1).toBeLessThan(similarityOf(before, sharesAWord.id) ?? 0);
    expect(ids(after)[0]).toBe(synonyms.id);
  });

  it("falls back to tf-idf when a candidate or a named paper has no vector", () => {
    const local = rankWithProfile(window, rules, profile());
    const partial = embeddingSource(indexOf(window.slice(1)), new Map([[like.id, vectorOf(like)]]));
    expect(rankWithProfile(window, rules, profile(partial))).toEqual(local);
    const noLike = embeddingSource(indexOf(window), new Map());
    expect(rankWithProfile(window, rules, profile(noLike))).toEqual(local);
  });

  it("rescales raw cosines: the median paper to 0 and the 10th closest to the local method's 10th", () => {
    const raw = Array.from({ length: 41 }, (_, k) => 0.2 + k * 0.01);
    const scaled = rescale(raw);
    const sorted = [...scaled].sort((a, b) => b - a);
    expect(sorted[20]).toBeCloseTo(0, 12);
    expect(sorted[9]).toBeCloseTo(TENTH_CLOSEST_SIMILARITY, 12);
    expect(scaled.every((value) => value >= -1 && value <= 1)).toBe(true);
    expect(rescale([0.5, 0.5])).toEqual([0, 0]);
  });
});
