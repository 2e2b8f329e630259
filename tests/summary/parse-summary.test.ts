import { describe, expect, it } from "vitest";
import { buildSummary } from "../../lib/summary/build-summary.js";
import { firstSentence, parseCompletion } from "../../lib/summary/parse-summary.js";
import { headingsFor } from "../../lib/summary/prompt.js";
import { fieldsFor, markdownFor } from "../helpers/openai-server.js";

const keys = (content: string) => parseCompletion(content)?.sections.map((s) => s.key);

describe("parseCompletion: JSON", () => {
  it("reads the five fields", () => {
    const parsed = parseCompletion(JSON.stringify(fieldsFor("2604.00001")));
    expect(parsed?.format).toBe("json");
    expect(parsed?.tldr).toBe("Paper 2604.00001 makes LLM inference faster.");
    expect(parsed?.sections.map((s) => s.key)).toEqual(["problem", "method", "results", "limitations"]);
    expect(parsed?.sections[1]?.markdown).toContain("- Draft model: 1B parameters");
  });

  it("tolerates code fences, prose around the object, aliases, lists and a wrapper", () => {
    const fence = "```";
    const fenced = `${fence}json\n${JSON.stringify({ tldr: "T.", problem: "P" })}\n${fence}`;
    expect(parseCompletion(fenced)?.tldr).toBe("T.");
    const prose = `Here is the summary:\n${JSON.stringify({ "TL;DR": "T.", Key_Results: ["a", 2] })}\nHope it helps.`;
    const parsed = parseCompletion(prose);
    expect(parsed?.tldr).toBe("T.");
    expect(parsed?.sections).toEqual([{ key: "results", markdown: "- a\n- 2" }]);
    expect(parseCompletion(JSON.stringify({ summary: { tldr: "W.", method: "M" } }))?.sections[0]?.key).toBe(
      "method",
    );
  });

  it("takes the TL;DR from the first section when the field is missing", () => {
    expect(parseCompletion(JSON.stringify({ problem: "First one. Second one." }))?.tldr).toBe("First one.");
  });

  it("rejects empty, truncated and field-less JSON", () => {
    expect(parseCompletion("")).toBeUndefined();
    expect(parseCompletion("   ")).toBeUndefined();
    expect(parseCompletion('{"tldr": "cut sho')).toBeUndefined();
    expect(parseCompletion('{"foo": "bar"}')).toBeUndefined();
    expect(parseCompletion('{"tldr": {"nested": true}}')).toBeUndefined();
  });
});

describe("parseCompletion: Markdown", () => {
  it("reads the default Markdown answer", () => {
    const parsed = parseCompletion(markdownFor("2604.00002"));
    expect(parsed?.format).toBe("markdown");
    expect(parsed?.tldr).toBe("Paper 2604.00002 makes LLM inference faster.");
    expect(parsed?.sections.map((s) => s.key)).toEqual(["problem", "method", "results", "limitations"]);
    expect(parsed?.sections[3]?.markdown).toBe("Only tested on one GPU type.");
  });

  it("recognises the reference's Chinese sections", () => {
    const zh =
      "## 一句话总结\n本文提出了一种新的 speculative decoding 方法。\n\n## 1. 主要贡献与创新点\n贡献。\n\n## 2. 实验方法与设置\n方法。\n\n## 3. 主要结果\n结果 2.1x。\n\n## 4. 结论与局限\n局限。";
    const parsed = parseCompletion(zh);
    expect(parsed?.tldr).toBe("本文提出了一种新的 speculative decoding 方法。");
    expect(parsed?.sections.map((s) => [s.key, s.markdown])).toEqual([
      ["problem", "贡献。"],
      ["method", "方法。"],
      ["results", "结果 2.1x。"],
      ["limitations", "局限。"],
    ]);
  });

  it("accepts bold headings and labelled lines", () => {
    expect(
      keys(
        "**TL;DR:** Fast.\n\n**Problem**\nP\n\n**Approach:**\nM\n\nResults: R\n\n- Setup: a bullet stays\n\nLimitations: L",
      ),
    ).toEqual(["problem", "method", "results", "limitations"]);
    expect(parseCompletion("**TL;DR:** Fast thing.\n\n## Problem\nP")?.tldr).toBe("Fast thing.");
  });

  it("assigns unknown headings by order and ignores headings inside code fences", () => {
    const parsed = parseCompletion(
      "Intro sentence here. More.\n\n# Alpha\na\n\n# Beta\n```\n# not a heading\n```\n\n# Gamma\nc",
    );
    expect(parsed?.tldr).toBe("Intro sentence here.");
    expect(parsed?.sections.map((s) => s.key)).toEqual(["problem", "method", "results"]);
    expect(parsed?.sections[1]?.markdown).toContain("# not a heading");
  });

  it("keeps unstructured prose as a body", () => {
    const parsed = parseCompletion("This paper does X. It also does Y.");
    expect(parsed).toEqual({
      format: "markdown",
      tldr: "This paper does X.",
      sections: [],
      body: "This paper does X. It also does Y.",
    });
  });

  it("finds first sentences", () => {
    expect(firstSentence("**Bold** start. Next.")).toBe("Bold start.");
    expect(firstSentence("中文句子。第二句。")).toBe("中文句子。");
    expect(firstSentence("no end")).toBe("no end");
    expect(firstSentence("x".repeat(400))).toHaveLength(300);
  });
});

describe("buildSummary", () => {
  const meta = { model: "m", language: "en", createdAt: "2026-04-27T00:00:00.000Z" };

  it("renders our headings, plain-text sections, HTML and text", () => {
    const parsed = parseCompletion(JSON.stringify(fieldsFor("2604.00003")));
    if (!parsed) throw new Error("unparsed");
    const summary = buildSummary(parsed, headingsFor("en"), meta);
    expect(summary.tldr).toBe("Paper 2604.00003 makes LLM inference faster.");
    expect(summary.sections.map((s) => s.heading)).toEqual([
      "Problem and contribution",
      "Method and setup",
      "Key results",
      "Limitations",
    ]);
    expect(summary.sections[0]?.text).toBe(
      "Serving large models is slow; 2604.00003 proposes speculative decoding with a small draft model.",
    );
    expect(summary.html).toContain(
      "<p><strong>TL;DR:</strong> Paper 2604.00003 makes LLM inference faster.</p>",
    );
    expect(summary.html).toContain("<h3>Method and setup</h3>\n<ul>");
    expect(summary.text).toContain(
      "TL;DR: Paper 2604.00003 makes LLM inference faster.\n\nProblem and contribution\nServing",
    );
  });

  it("uses Chinese headings for zh and renders a body without sections", () => {
    const summary = buildSummary(
      { format: "markdown", tldr: "T。", sections: [], body: "正文 **粗体**。" },
      headingsFor("zh"),
      {
        ...meta,
        language: "zh",
      },
    );
    expect(summary.html).toBe(
      "<p><strong>一句话总结:</strong> T。</p>\n<p>正文 <strong>粗体</strong>。</p>\n",
    );
    expect(summary.sections).toEqual([]);
    expect(summary.text).toBe("一句话总结: T。\n\n正文 粗体。");
  });

  it("clips runaway sections", () => {
    const summary = buildSummary(
      {
        format: "json",
        tldr: "t".repeat(1000),
        sections: [{ key: "results", markdown: "r".repeat(10_000) }],
      },
      headingsFor("en"),
      meta,
    );
    expect(summary.tldr.length).toBeLessThanOrEqual(400);
    expect(summary.sections[0]?.text.length).toBeLessThanOrEqual(4000);
  });
});
