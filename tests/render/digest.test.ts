import { readFileSync } from "node:fs";
import { marked } from "marked";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../lib/config/settings.js";
import { DIGEST_ABSTRACT_CHARS, renderDigest } from "../../lib/render/digest.js";
import { REFRESH_CRONS } from "../../lib/render/digest-trailer.js";
import { digestOutline } from "./digest-outline.js";
import { HOSTILE, hostilePapers, makePaper, makeSummary, realisticPapers } from "./papers.js";

const updated = new Date("2026-01-29T06:15:08Z");
const config = parseConfig(
  JSON.stringify({ categories: ["cs.AI", "cs.CL", "cs.LG"], keywords: ["quantization", "LLM inference"] }),
);
const input = {
  title: "arXiv Papers Daily",
  updated,
  categories: config.categories,
  config,
  papers: realisticPapers(),
};

describe("renderDigest", () => {
  const md = renderDigest(input);
  const outline = digestOutline(md);

  it("has the bot's README shape: statistics, numbered papers, configuration, schedule, footer", () => {
    expect(outline.title).toBe("arXiv Papers Daily");
    expect(outline.intro).toBe(true);
    expect(outline.sections).toEqual([
      "📊 Statistics",
      "📚 Recent Papers",
      "🔧 Configuration",
      "📅 Schedule",
    ]);
    expect(outline.papers.map((paper) => paper.link)).toEqual([
      "https://arxiv.org/abs/2604.30001",
      "https://arxiv.org/abs/2604.30002",
      "https://arxiv.org/abs/hep-ex/0101001",
    ]);
    expect(md).toContain("- **Last Updated**: 2026-01-29 06:15:08 UTC\n- **Total Papers Found**: 3\n");
    expect(md).toContain("- **Categories Monitored**: cs.AI, cs.CL, cs.LG");
    expect(outline.keywordsLine).toBe("quantization, LLM inference");
    expect(outline.footer).toBe("Generated automatically by arxiv-feeds");
  });

  it("writes each paper's fields one per line with hard breaks, then our matched keywords", () => {
    for (const paper of outline.papers) {
      expect(paper.fields.slice(0, 6)).toEqual([
        "Authors",
        "Category",
        "Published",
        "Score",
        "Type",
        "ArXiv ID",
      ]);
      expect(paper.hardBreaks).toBe(true);
      expect(paper.rules).toBe(1);
    }
    expect(outline.papers.map((paper) => paper.fields[6])).toEqual([
      "Matched Keywords",
      "Matched Keywords",
      undefined,
    ]);
    expect(md).toContain(
      "**Authors**: Meng Xin, Sweta Priyadarshi  \n**Category**: cs.CL  \n**Published**: 2026-04-27  \n**Score**: 12.0  \n**Type**: cross  \n**ArXiv ID**: 2604.30002v1  \n**Matched Keywords**: quantization, Foundation Models  \n\n#### Abstract\n",
    );
    expect(md).toContain("**Score**: 8.5  \n");
    expect(md).toContain("**ArXiv ID**: hep-ex/0101001v3  \n");
  });

  it("cuts abstracts at 300 characters with '...' under an Abstract heading, short ones whole", () => {
    const abstract = `${"a".repeat(299)}🚀bcdef`;
    const out = renderDigest({
      ...input,
      papers: [makePaper({ abstract }), makePaper({ abstract: "Short." })],
    });
    expect(DIGEST_ABSTRACT_CHARS).toBe(300);
    expect(digestOutline(out).papers.map((paper) => paper.abstract)).toEqual([
      `${"a".repeat(299)}🚀...`,
      "Short.",
    ]);
  });

  it("puts summaries in the bot's collapsible block, as headings and lists", () => {
    const text = "Two steps:\n- route tokens\n- merge blocks\n2.1x faster";
    const summary = makeSummary({ sections: [{ key: "method", heading: "Method", text }] });
    const out = renderDigest({ ...input, papers: [makePaper({ summary })] });
    expect(out).toContain(
      "<details>\n<summary><strong>🤖 AI Summary (by qwen-long)</strong> - Click to expand</summary>\n\n##### TL;DR\n\n",
    );
    expect(out).toContain(
      "##### Method\n\nTwo steps:\n\n- route tokens\n- merge blocks\n\n2.1x faster\n\n</details>",
    );
    expect(digestOutline(out).papers[0]?.summary).toEqual({
      botLabel: true,
      model: "qwen-long",
      headings: 2,
      lists: 1,
      backslashBreaks: 0,
    });
    expect(outline.papers.filter((paper) => paper.summary)).toHaveLength(1);
  });

  it("lists only `limit` papers but counts them all", () => {
    const out = renderDigest({ ...input, limit: 1 });
    expect(out).toContain("- **Total Papers Found**: 3");
    expect(digestOutline(out).papers).toHaveLength(1);
  });

  it("renders (through marked) hostile titles literally and without markup", () => {
    const hostileConfig = { ...config, keywords: [HOSTILE] };
    const html = marked.parse(renderDigest({ ...input, config: hostileConfig, papers: hostilePapers() }), {
      async: false,
    });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<b>|<em>(?!Generated)|<code>/);
    expect(html.match(/<details>/g)).toHaveLength(2);
    expect(html.match(/<\/details>/g)).toHaveLength(2);
    const links = [...html.matchAll(/<h3>\d+\. <a href="([^"]*)">/g)].map((match) => match[1]);
    expect(links).toEqual(["https://arxiv.org/abs/2604.40001", "https://arxiv.org/abs/2604.40002"]);
    expect(html).toContain(
      ">T ctl|lone||]]&gt;]]&gt; ]]&gt;|&lt;script&gt;alert(1)&lt;/script&gt;|&amp;amp; &amp;lt;",
    );
  });

  it("keeps summary text literal: lists stay lists, nothing else becomes markup", () => {
    const text = "# Not a heading\n- a list item\n1. # not a heading in it\n\n**not bold** <i>x</i>";
    const papers = [makePaper({ summary: makeSummary({ sections: [], text }) })];
    const html = marked.parse(renderDigest({ ...input, papers }), { async: false });
    expect(html).toContain(
      "<p># Not a heading</p>\n<ul>\n<li>a list item</li>\n</ul>\n<ol>\n<li># not a heading in it</li>\n</ol>\n<p>**not bold** &lt;i&gt;x&lt;/i&gt;</p>",
    );
  });

  it("says so when there are no papers", () => {
    const out = renderDigest({ ...input, papers: [] });
    expect(out).toContain("- **Total Papers Found**: 0");
    expect(out).toContain("No papers yet.");
  });

  it("states the schedule vercel.json runs", () => {
    const vercel = JSON.parse(readFileSync("vercel.json", "utf8")) as { crons: { schedule: string }[] };
    expect(vercel.crons.map((cron) => cron.schedule)).toEqual([...REFRESH_CRONS]);
    expect(md).toContain(
      "The feeds refresh on weekdays at 06:30 UTC, after arXiv's daily announcement, with a catch-up run at 12:30 UTC.",
    );
  });

  it("shows TeX in titles and abstracts as readers see it, as the feeds do", () => {
    const papers = [
      makePaper({ title: "L$^3$: sparse $\\ell_1$ decoding", abstract: "Runs in $O(n \\log n)$ time." }),
    ];
    const out = renderDigest({ ...input, papers });
    expect(out).toContain("[L³: sparse ℓ₁ decoding]");
    expect(out).toContain("Runs in O(n log n) time.");
    expect(out).not.toContain("$^3$");
  });
});
