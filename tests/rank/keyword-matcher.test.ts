import { describe, expect, it } from "vitest";
import { compileKeyword } from "../../lib/rank/keyword-matcher.js";

describe("compileKeyword", () => {
  it("substring mode reproduces the reference's over-matching", () => {
    const rl = compileKeyword("RL", "substring");
    expect(rl("A world model")).toBe(true);
    expect(rl("early exit")).toBe(true);
    expect(compileKeyword("FP4", "substring")("NVFP4 inference")).toBe(true);
  });

  it("word mode matches whole words, case-insensitively, with plurals", () => {
    const rl = compileKeyword("RL", "word");
    expect(rl("A world model")).toBe(false);
    expect(rl("early exit via URL")).toBe(false);
    expect(rl("RLHF at scale")).toBe(false);
    expect(rl("offline rl with priors")).toBe(true);
    expect(rl("RL-based tuning")).toBe(true);
    const network = compileKeyword("Network", "word");
    expect(network("graph neural networks")).toBe(true);
    expect(network("networking stacks")).toBe(false);
    expect(compileKeyword("LLM", "word")("LLMs are everywhere")).toBe(true);
    expect(compileKeyword("FP4", "word")("NVFP4 inference")).toBe(false);
  });

  it("word mode joins multi-word keywords across spaces and hyphens", () => {
    const sd = compileKeyword("speculative decoding", "word");
    expect(sd("Fast Speculative-Decoding for LLMs")).toBe(true);
    expect(sd("speculative   decoding")).toBe(true);
    expect(sd("speculative and parallel decoding")).toBe(false);
  });

  it("treats regex characters in keywords literally", () => {
    expect(compileKeyword("C++", "word")("kernels in C++ and CUDA")).toBe(true);
    expect(compileKeyword("C++", "word")("CCC")).toBe(false);
    expect(compileKeyword("a.b", "substring")("axb")).toBe(false);
  });

  it("handles non-ASCII letters as word characters", () => {
    expect(compileKeyword("attention", "word")("überattention")).toBe(false);
    expect(compileKeyword("attention", "word")("über attention")).toBe(true);
  });
});
