import { describe, expect, it } from "vitest";
import { summaryCacheKey } from "../../lib/summary/cache-key.js";
import { buildMessages, builtInInstructions, promptHash, resolvePrompt } from "../../lib/summary/prompt.js";
import { makePaper } from "./fixtures.js";

const paper = makePaper(1);
const abstract = { kind: "abstract" as const, text: paper.abstract };

describe("prompt", () => {
  it("asks for JSON with the five fields, the title first in the paper message", () => {
    const spec = resolvePrompt({ language: "en", source: "abstract" });
    const [system, user] = buildMessages(spec, paper, abstract, "json");
    expect(system?.role).toBe("system");
    expect(system?.content).toContain("JSON object");
    for (const field of ["tldr", "problem", "method", "results", "limitations"])
      expect(system?.content).toContain(`"${field}"`);
    expect(system?.content).toContain("technical terms");
    expect(user?.content).toMatch(/^Paper to summarise:\n<paper>\nTitle: Paper 1: Speculative Decoding/);
    expect(user?.content).toContain("arXiv: 2604.00001v1");
    expect(user?.content).toContain(`Abstract:\n${paper.abstract}`);
  });

  it("asks for Markdown sections when JSON mode is off", () => {
    const [system] = buildMessages(
      resolvePrompt({ language: "en", source: "abstract" }),
      paper,
      abstract,
      "markdown",
    );
    expect(system?.content).toContain('"TL;DR: <one sentence>"');
    expect(system?.content).toContain(
      "## Problem and contribution\n## Method and setup\n## Key results\n## Limitations",
    );
    expect(system?.content).not.toContain("JSON");
  });

  it("has a zh preset with the reference's four sections and Chinese headings", () => {
    const spec = resolvePrompt({ language: "zh", source: "abstract" });
    expect(spec.instructions).toContain("简体中文");
    expect(spec.instructions).toContain("专业术语");
    for (const part of ["主要贡献与创新点", "实验方法与设置", "主要结果", "结论与局限"])
      expect(spec.instructions).toContain(part);
    expect(spec.headings.problem).toBe("主要贡献与创新点");
    const [system] = buildMessages(spec, paper, abstract, "markdown");
    expect(system?.content).toContain("## 实验方法与设置");
  });

  it("tells the English prompt to write in other languages", () => {
    expect(builtInInstructions("fr")).toContain("Write the summary in French");
    expect(builtInInstructions("de-CH")).toContain('language tag "de-CH"');
    expect(resolvePrompt({ language: "fr", source: "abstract" }).headings.problem).toBe(
      "Problem and contribution",
    );
  });

  it("lets prompt_file replace the instructions, keeping the output format", () => {
    const spec = resolvePrompt({ language: "en", source: "abstract" }, "  My own instructions.\n");
    expect(spec.instructions).toBe("My own instructions.");
    const [system] = buildMessages(spec, paper, abstract, "json");
    expect(system?.content.startsWith("My own instructions.\n\nAnswer with one JSON object")).toBe(true);
    expect(resolvePrompt({ language: "en", source: "abstract" }, "   ").instructions).toBe(
      builtInInstructions("en"),
    );
  });

  it("hashes everything that shapes the answer", () => {
    const base = resolvePrompt({ language: "en", source: "abstract" }).hash;
    expect(base).toMatch(/^[0-9a-f]{12}$/);
    expect(resolvePrompt({ language: "en", source: "abstract" }).hash).toBe(base);
    expect(resolvePrompt({ language: "zh", source: "abstract" }).hash).not.toBe(base);
    expect(resolvePrompt({ language: "en", source: "html" }).hash).not.toBe(base);
    expect(resolvePrompt({ language: "en", source: "abstract" }, "custom").hash).not.toBe(base);
    expect(promptHash("a")).not.toBe(promptHash("b"));
  });
});

describe("summaryCacheKey", () => {
  it("names paper version, model, prompt hash and language", () => {
    expect(summaryCacheKey(paper, "gpt-4o-mini", "abc123", "en")).toBe(
      "summary:2604.00001v1:gpt-4o-mini:abc123:en",
    );
    expect(summaryCacheKey({ id: "hep-ex/0101001", version: 3 }, "qwen long", "h", "zh")).toBe(
      "summary:hep-ex/0101001v3:qwen_long:h:zh",
    );
  });

  it("changes with model, prompt, language and version", () => {
    const key = summaryCacheKey(paper, "m", "h", "en");
    const variants = [
      summaryCacheKey(paper, "m2", "h", "en"),
      summaryCacheKey(paper, "m", "h2", "en"),
      summaryCacheKey(paper, "m", "h", "zh"),
      summaryCacheKey({ ...paper, version: 2 }, "m", "h", "en"),
    ];
    expect(new Set([key, ...variants]).size).toBe(5);
  });
});
