import { marked } from "marked";
import { describe, expect, it } from "vitest";
import { DIGEST_ABSTRACT_CHARS, renderDigest } from "../../lib/render/digest.js";
import { HOSTILE, hostilePapers, makePaper, makeSummary, realisticPapers } from "./papers.js";

const updated = new Date("2026-01-29T06:15:08Z");
const input = {
  title: "arXiv Papers Daily",
  updated,
  categories: ["cs.AI", "cs.CL", "cs.LG"],
  keywords: ["quantization", "LLM inference"],
  papers: realisticPapers(),
};

describe("renderDigest", () => {
  const md = renderDigest(input);

  it("has the reference shape: statistics, numbered papers, keywords", () => {
    const headings = md.split("\n").filter((line) => line.startsWith("#"));
    expect(headings).toEqual([
      "# arXiv Papers Daily",
      "## Statistics",
      "## Recent Papers",
      "### 1. [Attention in $O(n^2)$ Time: When \\<Sparse\\> \\& Dense Meet](https://arxiv.org/abs/2604.30001)",
      "### 2. [Quantization-Aware Distillation for NVFP4 Inference Accuracy Recovery](https://arxiv.org/abs/2604.30002)",
      "### 3. [Search for the Higgs boson in e+e- -\\> ZH at √s = 200 GeV](https://arxiv.org/abs/hep-ex/0101001)",
      "## Keywords",
    ]);
    expect(md).toContain("- **Last Updated**: 2026-01-29 06:15:08 UTC");
    expect(md).toContain("- **Total Papers Found**: 3");
    expect(md).toContain("- **Categories Monitored**: cs.AI, cs.CL, cs.LG");
    expect(md).toMatch(/- quantization\n- LLM inference\n$/);
  });

  it("lists each paper's authors, category, published date, score, type and versioned id", () => {
    const second = md.split("### 2.")[1]?.split("### 3.")[0] ?? "";
    expect(second).toContain("- **Authors**: Meng Xin, Sweta Priyadarshi");
    expect(second).toContain("- **Category**: cs.CL");
    expect(second).toContain("- **Published**: 2026-04-27");
    expect(second).toContain("- **Score**: 12.0");
    expect(second).toContain("- **Type**: cross");
    expect(second).toContain("- **ArXiv ID**: 2604.30002v1");
    expect(md).toContain("- **Score**: 8.5\n");
    expect(md).toContain("- **ArXiv ID**: hep-ex/0101001v3");
  });

  it("cuts abstracts at 300 characters with '...' and leaves short ones whole", () => {
    const abstract = `${"a".repeat(299)}🚀bcdef`;
    const out = renderDigest({
      ...input,
      papers: [makePaper({ abstract }), makePaper({ abstract: "Short." })],
    });
    expect(DIGEST_ABSTRACT_CHARS).toBe(300);
    expect(out).toContain(`**Abstract**: ${"a".repeat(299)}🚀...\n`);
    expect(out).toContain("**Abstract**: Short.\n");
  });

  it("puts summaries in a collapsible block naming the model", () => {
    expect(md).toContain(
      "<details>\n<summary>AI Summary (by qwen-long)</summary>\n\nProblem: Attention is quadratic \\& slow.\n\nMethod:",
    );
    expect(md.match(/<details>/g)).toHaveLength(1);
    expect(md.match(/<\/details>/g)).toHaveLength(1);
  });

  it("lists only `limit` papers but counts them all", () => {
    const out = renderDigest({ ...input, limit: 1 });
    expect(out).toContain("- **Total Papers Found**: 3");
    expect(out).toContain("### 1.");
    expect(out).not.toContain("### 2.");
  });

  it("renders (through marked) hostile titles literally and without markup", () => {
    const html = marked.parse(renderDigest({ ...input, keywords: [HOSTILE], papers: hostilePapers() }), {
      async: false,
    });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<b>|<em>|<code>/);
    expect(html.match(/<details>/g)).toHaveLength(2);
    expect(html.match(/<\/details>/g)).toHaveLength(2);
    const links = [...html.matchAll(/<h3>\d+\. <a href="([^"]*)">/g)].map((match) => match[1]);
    expect(links).toEqual(["https://arxiv.org/abs/2604.40001", "https://arxiv.org/abs/2604.40002"]);
    expect(html).toContain(
      ">T ctl|lone||]]&gt;]]&gt; ]]&gt;|&lt;script&gt;alert(1)&lt;/script&gt;|&amp;amp; &amp;lt;",
    );
  });

  it("keeps summary text literal: paragraphs and line breaks, no markup or block markers", () => {
    const text = "# Not a heading\n- not a list\n1. not a list\n\n**not bold** <i>x</i>";
    const papers = [makePaper({ summary: makeSummary({ text }) })];
    const html = marked.parse(renderDigest({ ...input, papers }), { async: false });
    expect(html).toContain(
      "<p># Not a heading<br>- not a list<br>1. not a list</p>\n<p>**not bold** &lt;i&gt;x&lt;/i&gt;</p>",
    );
  });

  it("says so when there are no papers", () => {
    const out = renderDigest({ ...input, papers: [], keywords: [] });
    expect(out).toContain("- **Total Papers Found**: 0");
    expect(out).toContain("No papers yet.");
  });
});
