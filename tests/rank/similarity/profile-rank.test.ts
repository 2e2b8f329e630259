import { describe, expect, it } from "vitest";
import type { Paper } from "../../../lib/model/paper.js";
import {
  buildProfile,
  DISLIKE_WEIGHT,
  MAX_EXAMPLES,
  profileScores,
} from "../../../lib/rank/similarity/profile-rank.js";
import { Vocabulary } from "../../../lib/rank/similarity/vocabulary.js";
import { makePaper } from "../paper-factory.js";

const paper = (id: string, title: string, abstract: string): Paper => makePaper({ id, title, abstract });

const likes = [
  paper(
    "2601.00001",
    "Graph neural networks for molecular property prediction",
    "We train message-passing graph neural networks on molecules to predict binding affinity.",
  ),
  paper(
    "2601.00002",
    "Equivariant graph networks for protein structure",
    "Equivariant message passing over residue graphs predicts protein structure and molecule docking.",
  ),
];
const dislike = paper(
  "2601.00003",
  "Speech recognition with transformers",
  "A transformer acoustic model for speech recognition on noisy audio.",
);
const close = paper(
  "2601.00010",
  "Message-passing graph neural networks for drug molecules",
  "Graph neural networks over molecular graphs predict drug binding affinity.",
);
const medium = paper(
  "2601.00011",
  "Graph transformers for citation networks",
  "A graph transformer classifies nodes of citation graphs.",
);
const speech = paper(
  "2601.00012",
  "Streaming speech recognition for noisy audio",
  "Transformer acoustic models recognise speech in noisy audio streams.",
);
const unrelated = paper(
  "2601.00013",
  "Auction design for ad markets",
  "We study revenue of second-price auctions with reserve prices.",
);
/** Common words only, so idf has a window to speak of. */
const filler = Array.from({ length: 12 }, (_, i) =>
  paper(
    `2601.001${String(i).padStart(2, "0")}`,
    `A study of method ${i}`,
    "We propose a method and show results.",
  ),
);
const window = [unrelated, speech, medium, close, ...filler];

const similarityOf = (scores: { paper: Paper; similarity: number }[], target: Paper) =>
  scores.find((score) => score.paper === target)?.similarity ?? Number.NaN;

describe("profileScores", () => {
  it("orders a hand-made set by closeness to the likes", () => {
    const scores = profileScores(window, likes, []);
    const order = [...scores].sort((a, b) => b.similarity - a.similarity).map((s) => s.paper.id);
    expect(order.slice(0, 2)).toEqual([close.id, medium.id]);
    expect(similarityOf(scores, close)).toBeGreaterThan(0.3);
    expect(similarityOf(scores, unrelated)).toBe(0);
  });

  it("names the liked paper each candidate is nearest to, with a similarity in 0–1", () => {
    const scores = profileScores(window, likes, []);
    const nearest = scores.find((s) => s.paper === close)?.nearest;
    expect(nearest?.id).toBe(likes[0]?.id);
    expect(nearest?.title).toBe(likes[0]?.title);
    expect(nearest?.similarity).toBeGreaterThan(0);
    expect(nearest?.similarity).toBeLessThanOrEqual(1);
    expect(scores.find((s) => s.paper === unrelated)?.nearest).toBeUndefined();
  });

  it("pushes papers near a dislike down, below papers that share nothing", () => {
    const without = profileScores(window, likes, []);
    const withDislike = profileScores(window, likes, [dislike]);
    expect(similarityOf(without, speech)).toBeGreaterThanOrEqual(0);
    expect(similarityOf(withDislike, speech)).toBeLessThan(0);
    expect(similarityOf(withDislike, speech)).toBeLessThan(similarityOf(withDislike, unrelated));
    expect(similarityOf(withDislike, close)).toBeGreaterThan(0.3);
  });

  it("lowers every candidate by its own closeness to a dislike that shares the likes' words, and raises none", () => {
    const sharing = paper(
      "2601.00004",
      "Graph neural networks for speech recognition",
      "Message-passing graph neural networks over acoustic frames recognise speech in noisy audio.",
    );
    // Shares words with the likes only. Folded into the profile (Rocchio's −γ·dislikes, then unit
    // length), the dislike shrank the profile, and this paper's similarity rose (0.38 to 0.43).
    const protein = paper(
      "2601.00017",
      "Equivariant models for protein docking",
      "Residue-level equivariant models dock protein structures.",
    );
    const candidates = [...window, protein];
    const without = profileScores(candidates, likes, []);
    const withDislike = profileScores(candidates, likes, [sharing]);
    // The cosine of each candidate with the disliked paper alone, over the same window (a
    // profile of that dislike alone scores −DISLIKE_WEIGHT times it).
    const closeness = new Map(
      profileScores(candidates, [], [sharing]).map((s) => [s.paper, -s.similarity / DISLIKE_WEIGHT]),
    );
    expect(Math.max(...closeness.values())).toBeGreaterThan(0.3);
    expect(similarityOf(withDislike, protein)).toBe(similarityOf(without, protein));
    for (const score of withDislike) {
      const drop = similarityOf(without, score.paper) - score.similarity;
      expect(drop).toBeGreaterThanOrEqual(0);
      expect(drop).toBeCloseTo(DISLIKE_WEIGHT * (closeness.get(score.paper) ?? Number.NaN), 12);
    }
  });

  it("folds the candidates closest to the likes into the profile (pseudo-relevance feedback)", () => {
    // Shares only "drug" with `close`, the candidate nearest the likes, and no word with a like.
    const drugOnly = paper(
      "2601.00014",
      "Drug repurposing screens",
      "Repurposing screens of approved drugs.",
    );
    const scores = profileScores([...window, drugOnly], likes, []);
    expect(similarityOf(scores, drugOnly)).toBeGreaterThan(0);
    expect(similarityOf(scores, drugOnly)).toBeLessThan(similarityOf(scores, close));
  });

  it("names a liked paper for a candidate in the profile through the feedback papers alone", () => {
    // Shares only "drug" with `close` (a feedback paper, nearest the first like) and no word with a like.
    const drugOnly = paper(
      "2601.00014",
      "Drug repurposing screens",
      "Repurposing screens of approved drugs.",
    );
    const scores = profileScores([...window, drugOnly], likes, []);
    const direct = profileScores([...window, drugOnly], likes.slice(0, 1), []);
    const nearest = scores.find((s) => s.paper === drugOnly)?.nearest;
    const viaClose = scores.find((s) => s.paper === close)?.nearest;
    expect(viaClose?.id).toBe(likes[0]?.id);
    expect(nearest?.id).toBe(likes[0]?.id);
    expect(nearest?.title).toBe(likes[0]?.title);
    // The product of its cosine with `close` and close's with the like: below either alone.
    expect(nearest?.similarity).toBeGreaterThan(0);
    expect(nearest?.similarity).toBeLessThan(viaClose?.similarity ?? 0);
    expect(direct.find((s) => s.paper === drugOnly)?.nearest?.id).toBe(likes[0]?.id);
  });

  it("names a liked paper for every candidate with a positive similarity, and none for the others", () => {
    const drugOnly = paper(
      "2601.00014",
      "Drug repurposing screens",
      "Repurposing screens of approved drugs.",
    );
    for (const dislikes of [[], [dislike]]) {
      const scores = profileScores([...window, drugOnly], likes, dislikes);
      for (const score of scores) {
        if (score.similarity > 0) expect(score.nearest, score.paper.title).toBeDefined();
      }
      expect(scores.find((s) => s.paper === unrelated)?.nearest).toBeUndefined();
    }
  });

  it("keeps every similarity within −1–1", () => {
    for (const score of profileScores([...window, ...likes], likes, [dislike])) {
      expect(Math.abs(score.similarity)).toBeLessThanOrEqual(1 + 1e-12);
    }
  });

  it("leaves the named papers out of the candidates", () => {
    const ids = profileScores([...likes, dislike, ...window], likes, [dislike]).map((s) => s.paper.id);
    expect(ids).toEqual(window.map((p) => p.id));
  });

  it("gives every candidate 0 without likes or dislikes", () => {
    expect(profileScores(window, [], []).map((s) => s.similarity)).toEqual(window.map(() => 0));
  });

  it("is deterministic: the same scores in any candidate order, run after run", () => {
    const first = profileScores(window, likes, [dislike]);
    const again = profileScores([...window].reverse(), likes, [dislike]);
    for (const score of first) {
      expect(similarityOf(again, score.paper)).toBe(score.similarity);
    }
    // Fresh objects (no cached vectors) score exactly the same.
    const copies = window.map((p) => ({ ...p }));
    const fresh = profileScores(copies, likes, [dislike]);
    expect(fresh.map((s) => s.similarity)).toEqual(first.map((s) => s.similarity));
  });

  it("refuses more than MAX_EXAMPLES likes (callers validate their input first)", () => {
    const many = Array.from({ length: MAX_EXAMPLES + 1 }, (_, i) => paper(`2602.${i}`, "t", "a"));
    expect(() => profileScores(window, many, [])).toThrow(RangeError);
  });

  it("computes nearest on demand with the same answer as profileScores", () => {
    const model = buildProfile(window, likes, []);
    const scores = profileScores(window, likes, []);
    for (const score of scores) {
      expect(model.similarity(score.paper)).toBe(score.similarity);
      expect(model.nearest(score.paper)).toEqual(score.nearest);
    }
  });
});

describe("Vocabulary", () => {
  it("numbers terms densely and starts afresh, in a new generation, only past its limit", () => {
    const vocabulary = new Vocabulary(2);
    expect([vocabulary.idOf("a"), vocabulary.idOf("b"), vocabulary.idOf("a")]).toEqual([0, 1, 0]);
    vocabulary.renew();
    expect(vocabulary.generation).toBe(0);
    vocabulary.idOf("c");
    vocabulary.renew();
    expect(vocabulary.generation).toBe(1);
    expect(vocabulary.size).toBe(0);
    expect(vocabulary.idOf("c")).toBe(0);
  });
});
