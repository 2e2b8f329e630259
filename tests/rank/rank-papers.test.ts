import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { type RankRules, rankPapers } from "../../lib/rank/rank-papers.js";
import { compileRules, scorePaper } from "../../lib/rank/score.js";
import { makePaper } from "./paper-factory.js";

const reference = JSON.parse(readFileSync(resolve("../shared/reference/config.json"), "utf8")) as {
  keywords: string[];
  exclude_keywords: string[];
};
const rules = (overrides: Partial<RankRules> = {}): RankRules => ({
  keywords: reference.keywords,
  exclude: reference.exclude_keywords,
  mode: "substring",
  minScore: 0,
  maxPapers: 30,
  dedupe: ["id", "title", "link"],
  ...overrides,
});

describe("scorePaper", () => {
  const title = "Quantization-Aware Distillation for NVFP4 Inference Accuracy Recovery";

  it("scores a real title as the reference did: 1.5 per keyword in the title", () => {
    // Quantization, Inference, FP4 (inside NVFP4): 3 x 1.5 = 4.5, the reference's title share.
    const result = scorePaper({ title, abstract: "" }, compileRules(reference.keywords, [], "substring"));
    expect(result.excluded).toBe(false);
    if (result.excluded) return;
    expect(result.score).toBe(4.5);
    expect(result.matches.map((m) => m.keyword).sort()).toEqual(["FP4", "Inference", "Quantization"]);
  });

  it("word mode does not count FP4 inside NVFP4", () => {
    const result = scorePaper({ title, abstract: "" }, compileRules(reference.keywords, [], "word"));
    expect(result.excluded ? -1 : result.score).toBe(3);
  });

  it("adds 1 per keyword found only in the abstract and records where each matched", () => {
    const paper = {
      title:
        "StreamFusion: Scalable Sequence Parallelism for Distributed Inference of Diffusion Transformers on GPUs",
      abstract:
        "Single-GPU inference becomes inefficient due to increased latency. Current frameworks employ sequence parallelism.",
    };
    // Word mode. Title: Scalable, Distributed, Inference = 4.5 (Parallel is not a word of "Parallelism").
    // Abstract only: Framework (frameworks) = 1. "inefficient" is not "Efficient" as a word.
    const result = scorePaper(paper, compileRules(reference.keywords, [], "word"));
    if (result.excluded) throw new Error("excluded");
    expect(result.score).toBe(5.5);
    const inference = result.matches.find((m) => m.keyword === "Inference");
    expect(inference).toEqual({ keyword: "Inference", inTitle: true, inAbstract: true });
    expect(result.matches.find((m) => m.keyword === "Framework")).toEqual({
      keyword: "Framework",
      inTitle: false,
      inAbstract: true,
    });
    // Substring mode also finds Parallel (x1.5, in "Parallelism"), Efficient (in "inefficient"),
    // RL? no; Attention? no. 5.5 + 1.5 + 1 = 8
    const loose = scorePaper(paper, compileRules(reference.keywords, [], "substring"));
    if (loose.excluded) throw new Error("excluded");
    expect(loose.score).toBe(8);
  });

  it("excludes on any exclude keyword, in title or abstract", () => {
    const compiled = compileRules(reference.keywords, reference.exclude_keywords, "word");
    expect(scorePaper({ title: "A Survey of LLM Inference", abstract: "" }, compiled)).toEqual({
      excluded: true,
      by: "survey",
    });
    expect(scorePaper({ title: "LLM Inference", abstract: "We review kernels." }, compiled)).toEqual({
      excluded: true,
      by: "review",
    });
  });
});

describe("rankPapers", () => {
  it("keeps only matching papers, highest score first, ties newest id first", () => {
    const papers = [
      makePaper({ id: "2601.00001", title: "Cats", abstract: "No keywords here." }),
      makePaper({ id: "2601.00002", title: "LLM serving", abstract: "" }),
      makePaper({ id: "2601.00003", title: "LLM serving again", abstract: "" }),
      makePaper({ id: "2601.00004", title: "LLM Inference", abstract: "" }),
    ];
    const ranked = rankPapers(papers, rules({ mode: "word" }));
    expect(ranked.map((p) => [p.id, p.score])).toEqual([
      ["2601.00004", 3],
      ["2601.00003", 1.5],
      ["2601.00002", 1.5],
    ]);
    // Same result whatever the input order.
    expect(rankPapers([...papers].reverse(), rules({ mode: "word" })).map((p) => p.id)).toEqual(
      ranked.map((p) => p.id),
    );
  });

  it("applies min_score and max_papers", () => {
    const papers = Array.from({ length: 10 }, (_, i) =>
      makePaper({
        id: `2601.0001${i}`,
        title: i % 2 ? `LLM Inference Kernel ${i}` : `LLM ${i}`,
        abstract: "",
      }),
    );
    expect(rankPapers(papers, rules({ minScore: 2.5 })).every((p) => p.score >= 2.5)).toBe(true);
    expect(rankPapers(papers, rules({ minScore: 2.5 }))).toHaveLength(5);
    expect(rankPapers(papers, rules({ maxPapers: 3 }))).toHaveLength(3);
  });

  it("dedupes by id, title and link, keeping the best-scored copy", () => {
    const papers = [
      makePaper({ id: "2601.00001", title: "LLM", abstract: "" }),
      makePaper({ id: "2601.00001", version: 2, title: "LLM Inference", abstract: "" }),
      makePaper({ id: "2601.00002", title: "  llm   INFERENCE ", abstract: "" }),
      makePaper({ id: "2601.00003", title: "Other LLM work", abstract: "" }),
    ];
    const ranked = rankPapers(papers, rules());
    expect(ranked.map((p) => `${p.id}v${p.version}`)).toEqual(["2601.00002v1", "2601.00003v1"]);
    expect(rankPapers(papers, rules({ dedupe: [] }))).toHaveLength(4);
    expect(rankPapers(papers, rules({ dedupe: ["id"] })).map((p) => p.id)).toEqual([
      "2601.00002",
      "2601.00001",
      "2601.00003",
    ]);
    // The id rule keeps the higher-scored version 2 of 2601.00001.
    expect(rankPapers(papers, rules({ dedupe: ["id"] })).find((p) => p.id === "2601.00001")?.version).toBe(2);
  });
});
