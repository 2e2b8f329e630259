import { describe, expect, it } from "vitest";
import { looksSafe, renderItemHtml } from "../../lib/render/item-html.js";
import {
  abstractOpening,
  itemSummaryHtml,
  leadText,
  matchedKeywordsText,
} from "../../lib/render/item-summary.js";
import { HOSTILE, hostilePapers, makePaper, makeSummary, realisticPapers } from "./papers.js";

describe("renderItemHtml", () => {
  const [summarised, withDoi] = realisticPapers();

  it("shows authors, category, score, matches, type, versioned id, abstract and links", () => {
    const html = renderItemHtml(summarised ?? makePaper());
    expect(html).toContain(
      "<strong>Authors:</strong> Jürgen Schmidhuber, Zoë Müller-Łukasiewicz, 田中 太郎, Søren Kierkegaard",
    );
    expect(html).toContain("<strong>Category:</strong> cs.LG (also cs.AI)");
    expect(html).toContain(
      "<strong>Why it matched:</strong> Score 8.5 · matched: quantization (abstract), Foundation Models (title, abstract)",
    );
    expect(html).toContain("<strong>Type:</strong> new");
    expect(html).toContain("<strong>arXiv ID:</strong> 2604.30001v2");
    expect(html).toContain(
      "<strong>Abstract:</strong> We study attention where cost grows as $O(n^2)$ &amp; memory",
    );
    expect(html).toContain('<a href="https://arxiv.org/abs/2604.30001">Abstract page</a>');
    expect(html).toContain('<a href="https://arxiv.org/pdf/2604.30001v2">PDF</a>');
    expect(html).toContain('<a href="https://arxiv.org/html/2604.30001v2">HTML</a>');
    expect(html).toContain("<strong>Comments:</strong> 12 pages, 3 figures");
  });

  it("leads with the TL;DR, then why it matched, the structured summary, the abstract, the metadata", () => {
    const html = renderItemHtml(summarised ?? makePaper());
    expect(html.startsWith("<p><strong>TL;DR:</strong> Sparse attention matches dense quality")).toBe(true);
    expect(html).toContain("(AI summary by qwen-long)");
    const order = [
      "TL;DR:",
      "Why it matched:",
      "AI summary (by",
      "Abstract:",
      "Authors:",
      "arXiv ID:",
      ">PDF<",
    ];
    const at = order.map((part) => html.indexOf(part));
    expect(at.every((index) => index >= 0)).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
  });

  it("leads with the abstract's first sentences when there is no summary", () => {
    const paper = makePaper({ abstract: "First claim. Second, with e.g. detail!  Third one.\nFourth." });
    const html = renderItemHtml(paper);
    expect(html.startsWith("<p>First claim. Second, with e.g. detail!</p>\n<p><strong>Why it matched:")).toBe(
      true,
    );
    expect(html).not.toContain("AI summary");
  });

  it("shows the summary's own TL;DR once, as the lead, with its label in the summary's language", () => {
    const summary = makeSummary({
      tldr: "稀疏注意力更快。",
      html: "<p><strong>一句话总结:</strong> 稀疏注意力更快。</p>\n<h3>问题</h3>\n<p>注意力是二次的。</p>",
    });
    const html = renderItemHtml(makePaper({ summary }));
    expect(html.startsWith("<p><strong>一句话总结:</strong> 稀疏注意力更快。")).toBe(true);
    expect(html.split("稀疏注意力更快").length).toBe(2);
    expect(html).toContain("<div><h3>问题</h3>\n<p>注意力是二次的。</p></div>");
    const tldrOnly = makeSummary({ tldr: "Only this.", html: "<p><strong>TL;DR:</strong> Only this.</p>" });
    expect(renderItemHtml(makePaper({ summary: tldrOnly }))).not.toContain("AI summary (by");
  });

  it("labels the AI summary with its model and embeds its sanitised HTML", () => {
    const html = renderItemHtml(summarised ?? makePaper());
    expect(html).toContain("<h3>AI summary (by qwen-long)</h3>");
    expect(html).toContain("<p>Attention is quadratic &amp; slow.</p>");
    expect(renderItemHtml(makePaper())).not.toContain("AI summary");
  });

  it("links the DOI and shows the journal reference", () => {
    const html = renderItemHtml(withDoi ?? makePaper());
    expect(html).toContain('<a href="https://doi.org/10.1000/xyz(123)%3C4%3E">10.1000/xyz(123)&lt;4&gt;</a>');
    expect(html).toContain("<strong>Journal reference:</strong> J. Mach. Learn. Res. 27 (2026) 1-20");
  });

  it("escapes every paper string, and falls back to the summary's text when its HTML is unsafe", () => {
    const [hostile, badLinks] = hostilePapers();
    const html = renderItemHtml(hostile ?? makePaper());
    expect(html).not.toMatch(/<script|<b>/i);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("<h3>AI summary (by model ");
    expect(html).toContain("<p>Summary ");
    const other = renderItemHtml(badLinks ?? makePaper());
    expect(other).not.toMatch(/javascript:|data:|onclick/i);
    expect(other).toContain('<a href="https://arxiv.org/abs/2604.40002">Abstract page</a>');
    expect(other).toContain('<a href="https://arxiv.org/pdf/2604.40002v1">PDF</a>');
  });

  it("shows 'Unknown' for a paper without authors", () => {
    expect(renderItemHtml(makePaper({ authors: [] }))).toContain("<strong>Authors:</strong> Unknown");
  });
});

describe("looksSafe", () => {
  it("accepts ordinary sanitised HTML", () => {
    expect(looksSafe(makeSummary().html)).toBe(true);
    expect(looksSafe('<p>see <a href="https://x.org/a?b=1&amp;c=2">x</a> and <a href="#s">y</a></p>')).toBe(
      true,
    );
    expect(looksSafe("<p>Training data: 1M pairs; the onset = 3 ms</p>")).toBe(true);
  });

  it.each([
    "<script>alert(1)</script>",
    "<SCRIPT src=x>",
    "< / script>",
    '<img src="x" onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="jav&#x61;script:x">x</a>',
    "<a href=' javascript:x'>x</a>",
    '<a href="data:text/html,x">x</a>',
    '<iframe src="https://x.org"></iframe>',
    '<svg><circle onload="x()"/></svg>',
    '<form action="https://x.org"><button formaction="javascript:x">',
  ])("rejects %s", (html) => {
    expect(looksSafe(html)).toBe(false);
  });
});

describe("item summaries", () => {
  it("are the TL;DR alone, or the abstract's first two sentences cut at 300 characters", () => {
    const [summarised] = realisticPapers();
    expect(leadText(summarised ?? makePaper())).toBe(
      "Sparse attention matches dense quality at a fraction of the cost.",
    );
    const long = leadText(makePaper({ abstract: "word ".repeat(100), matches: [] }));
    expect(long).toBe(`${"word ".repeat(60).slice(0, 300)}...`);
    expect(abstractOpening('One (a). Two? "Three." Four.')).toBe("One (a). Two?");
    expect(abstractOpening("  No sentence end  ")).toBe("No sentence end");
  });

  it("escape the HTML variant", () => {
    const html = itemSummaryHtml(
      makePaper({ abstract: HOSTILE, matches: [{ keyword: "<b>", inTitle: true, inAbstract: false }] }),
    );
    expect(html).not.toMatch(/<script|<b>/);
    expect(html).toMatch(/^<p>[^<]*&lt;script&gt;alert\(1\)/);
    expect(html.endsWith("<p>Score 4.5 · matched: &lt;b&gt; (title)</p>")).toBe(true);
  });

  it("describe where each keyword matched", () => {
    expect(
      matchedKeywordsText([
        { keyword: "a", inTitle: true, inAbstract: false },
        { keyword: "b", inTitle: false, inAbstract: true },
        { keyword: "c", inTitle: true, inAbstract: true },
        { keyword: "d", inTitle: false, inAbstract: false },
      ]),
    ).toBe("a (title), b (abstract), c (title, abstract), d");
  });
});
