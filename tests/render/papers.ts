/* Hand-built papers and views for the renderer tests: realistic ones and hostile ones. */
import type { RankedPaper } from "../../lib/model/snapshot.js";
import type { Summary } from "../../lib/model/summary.js";
import type { FeedView } from "../../lib/render/feed-view.js";

/** A summary as the summariser stores it (`html` sanitised). */
export function makeSummary(overrides: Partial<Summary> = {}): Summary {
  return {
    model: "qwen-long",
    language: "en",
    tldr: "Sparse attention matches dense quality at a fraction of the cost.",
    sections: [
      { key: "problem", heading: "Problem", text: "Attention is quadratic." },
      { key: "method", heading: "Method", text: "Route tokens to sparse blocks." },
      { key: "results", heading: "Results", text: "2.1x faster at equal perplexity." },
      { key: "limitations", heading: "Limitations", text: "Only tested up to 32k tokens." },
    ],
    html:
      "<h4>Problem</h4><p>Attention is quadratic &amp; slow.</p><h4>Method</h4><p>Route tokens to sparse blocks.</p>" +
      '<h4>Results</h4><ul><li>2.1x faster</li></ul><p><a href="https://example.org/code">code</a></p>',
    text: "Problem: Attention is quadratic & slow.\n\nMethod: Route tokens to sparse blocks.\n\nResults: 2.1x faster.",
    createdAt: "2026-04-27T05:00:00.000Z",
    ...overrides,
  };
}

/** A plain `new` cs.LG paper; `overrides` replace fields. */
export function makePaper(overrides: Partial<RankedPaper> = {}): RankedPaper {
  const id = overrides.id ?? "2604.21952";
  const version = overrides.version ?? 1;
  return {
    id,
    version,
    title: "Focus Session: Hardware and Software Techniques for Accelerating Multimodal Foundation Models",
    authors: ["Muhammad Shafique", "Abdul Basit"],
    abstract:
      "This work presents a multi-layered methodology for efficiently accelerating multimodal foundation models.",
    announceType: "new",
    categories: ["cs.LG", "cs.AI"],
    primaryCategory: "cs.LG",
    announced: "2026-04-27",
    links: {
      abs: `https://arxiv.org/abs/${id}`,
      pdf: `https://arxiv.org/pdf/${id}v${version}`,
      html: `https://arxiv.org/html/${id}v${version}`,
    },
    score: 4.5,
    matches: [
      { keyword: "quantization", inTitle: false, inAbstract: true },
      { keyword: "Foundation Models", inTitle: true, inAbstract: true },
    ],
    ...overrides,
  };
}

/** Realistic papers: LaTeX and `<`/`&` in a title, non-ASCII authors, a summary, old-style ids. */
export function realisticPapers(): RankedPaper[] {
  return [
    makePaper({
      id: "2604.30001",
      version: 2,
      title: "Attention in $O(n^2)$ Time: When <Sparse> & Dense Meet",
      authors: ["Jürgen Schmidhuber", "Zoë Müller-Łukasiewicz", "田中 太郎", "Søren Kierkegaard"],
      abstract: `We study attention where cost grows as $O(n^2)$ & memory as $O(n)$. ${"Long abstract sentence. ".repeat(20)}`,
      score: 8.54,
      summary: makeSummary(),
      comment: "12 pages, 3 figures; code at https://github.com/x/y",
    }),
    makePaper({
      id: "2604.30002",
      announceType: "cross",
      title: "Quantization-Aware Distillation for NVFP4 Inference Accuracy Recovery",
      authors: ["Meng Xin", "Sweta Priyadarshi"],
      categories: ["cs.CL", "cs.LG"],
      primaryCategory: "cs.CL",
      score: 12,
      doi: "10.1000/xyz(123)<4>",
      journalRef: "J. Mach. Learn. Res. 27 (2026) 1-20",
    }),
    makePaper({
      id: "hep-ex/0101001",
      version: 3,
      announceType: "replace",
      title: "Search for the Higgs boson in e+e- -> ZH at √s = 200 GeV",
      authors: ["A. Bürger", "J. O'Neil"],
      categories: ["hep-ex"],
      primaryCategory: "hep-ex",
      announced: "2026-11-01",
      score: 1,
      matches: [],
    }),
  ];
}

/** Every XML-hostile thing we could think of, in one string. */
export const HOSTILE =
  "\u0000\u0001ctl\u0008\u000B\u000C\u001F\u007F\u0085\u009F|\uD800lone\uDFFF|\uFFFE\uFFFF|" +
  "]]>]]> ]]>|<script>alert(1)</script>|&amp; &lt; &#x41; &nbsp; &bogus;|" +
  "\u202Eعربي עברית\u202C|🚀👩‍🔬|\"quotes' `back`|*emph* _u_ [l](j) # h";

/** Hostile papers: control characters, lone surrogates, `]]>`, markup, entities, RTL, emoji, 100 KB. */
export function hostilePapers(): RankedPaper[] {
  return [
    makePaper({
      id: "2604.40001",
      title: `T ${HOSTILE}`,
      authors: [`Author ${HOSTILE}`, "<b>Bold</b> &amp; Co", "", "محمد علي"],
      abstract: `Abstract ${HOSTILE}`,
      comment: `Comment ${HOSTILE}`,
      journalRef: HOSTILE,
      doi: HOSTILE,
      categories: ["cs.LG", 'cs.<x>&"y'],
      matches: [{ keyword: `kw ${HOSTILE}`, inTitle: true, inAbstract: false }],
      summary: makeSummary({
        model: `model ${HOSTILE}`,
        tldr: HOSTILE,
        html: `<p>ok</p><script>alert(1)</script>${HOSTILE}`,
        text: `Summary ${HOSTILE}\n\n</details><script>x</script>`,
      }),
    }),
    makePaper({
      id: "2604.40002",
      title: "Big ]]> abstract ]]> paper",
      abstract: `${"x<y&z ]]> ".repeat(10_000)}end`,
      authors: [],
      links: { abs: "javascript:alert(1)", pdf: "not a url", html: "data:text/html,<script>x</script>" },
      summary: makeSummary({ html: '<p onclick="x()">hi</p><a href="jav&#x61;script:x">y</a>' }),
    }),
  ];
}

/** A feed view around `papers`. */
export function makeView(papers: RankedPaper[], overrides: Partial<FeedView> = {}): FeedView {
  const site = "https://feeds.example.app";
  return {
    title: "arxiv-feeds: cs.LG",
    description: "Today's relevant cs.LG papers, ranked & summarised.",
    siteUrl: site,
    selfUrl: `${site}/rss/cs.LG`,
    alternates: { rss: `${site}/rss/cs.LG`, atom: `${site}/atom/cs.LG`, json: `${site}/feed/cs.LG.json` },
    updated: new Date("2026-04-27T06:15:08Z"),
    language: "en",
    ttlMinutes: 60,
    papers,
    ...overrides,
  };
}
