import { describe, expect, it } from "vitest";
import type { MatchMode } from "../../lib/rank/keyword-matcher.js";
import { compileRules, matchText } from "../../lib/rank/score.js";

/** A keyword test on plain strings. */
const matches = (keyword: string, mode: MatchMode) => {
  const rules = compileRules([keyword], [], mode);
  return (text: string) => rules.keywords[0]?.test(matchText(text, rules)) ?? false;
};

describe("compileKeyword", () => {
  it("substring mode reproduces the reference's over-matching", () => {
    const rl = matches("RL", "substring");
    expect(rl("A world model")).toBe(true);
    expect(rl("early exit")).toBe(true);
    expect(matches("FP4", "substring")("NVFP4 inference")).toBe(true);
  });

  it("word mode matches whole words, case-insensitively, with plurals", () => {
    const rl = matches("RL", "word");
    expect(rl("A world model")).toBe(false);
    expect(rl("early exit via URL")).toBe(false);
    expect(rl("RLHF at scale")).toBe(false);
    expect(rl("offline rl with priors")).toBe(true);
    expect(rl("RL-based tuning")).toBe(true);
    const network = matches("Network", "word");
    expect(network("graph neural networks")).toBe(true);
    expect(network("networking stacks")).toBe(false);
    expect(matches("LLM", "word")("LLMs are everywhere")).toBe(true);
    expect(matches("FP4", "word")("NVFP4 inference")).toBe(false);
  });

  it("word mode joins multi-word keywords across spaces and hyphens", () => {
    const sd = matches("speculative decoding", "word");
    expect(sd("Fast Speculative-Decoding for LLMs")).toBe(true);
    expect(sd("speculative   decoding")).toBe(true);
    expect(sd("speculative and parallel decoding")).toBe(false);
  });

  it("treats regex characters in keywords literally", () => {
    expect(matches("C++", "word")("kernels in C++ and CUDA")).toBe(true);
    expect(matches("C++", "word")("CCC")).toBe(false);
    expect(matches("a.b", "substring")("axb")).toBe(false);
  });

  it("handles non-ASCII letters as word characters", () => {
    expect(matches("attention", "word")("überattention")).toBe(false);
    expect(matches("attention", "word")("über attention")).toBe(true);
  });
});

describe("word mode's fast path agrees with the regex rule", () => {
  it("gives the same answer as a whole-word regex for one-word keywords on real-looking text", () => {
    const text =
      "LLMs, RL-based fine-tuning and world models: networks of GPUs; FP8/FP4 kernels (NVFP4) — über-attention, throughput’s 2x.";
    for (const keyword of [
      "LLM",
      "RL",
      "world",
      "network",
      "GPU",
      "FP8",
      "FP4",
      "kernel",
      "attention",
      "throughput",
      "x",
      "2x",
    ]) {
      const regex = new RegExp(`(?<![\\p{L}\\p{N}])${keyword}(?:e?s)?(?![\\p{L}\\p{N}])`, "iu");
      expect(matches(keyword, "word")(text), keyword).toBe(regex.test(text));
    }
  });
});
