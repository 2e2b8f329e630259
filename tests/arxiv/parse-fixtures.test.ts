import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type ParsedFeed, parseArxivFeed } from "../../lib/arxiv/parse.js";
import { type Paper, PaperSchema } from "../../lib/model/paper.js";
import { fixturePath, readFixture } from "../helpers/fixtures.js";

const read = (name: string) => readFixture("arxiv", name);
const REAL = readdirSync(fixturePath("arxiv", "real")).filter((f) => f.endsWith(".xml"));
const DAILY = readdirSync(fixturePath("arxiv", "daily")).filter((f) => f.endsWith(".xml"));

function parse(name: string): ParsedFeed {
  const outcome = parseArxivFeed(read(name));
  if (!outcome.ok) throw outcome.error;
  return outcome.feed;
}

function byId(feed: ParsedFeed, id: string): Paper {
  const paper = feed.papers.find((p) => p.id === id);
  if (!paper) throw new Error(`${id} not in feed`);
  return paper;
}

/** Per announce type, from the raw XML with a regex: independent of the parser. */
function countTypes(xml: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const m of xml.matchAll(/<arxiv:announce_type>([^<]*)<\/arxiv:announce_type>/g)) {
    const type = m[1] ?? "";
    counts[type] = (counts[type] ?? 0) + 1;
  }
  return counts;
}

function countPapers(papers: Paper[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const p of papers) counts[p.announceType] = (counts[p.announceType] ?? 0) + 1;
  return counts;
}

/** Each RSS item's id, version, first category and type, read with regexes from the raw XML. */
function rawRssItems(xml: string) {
  return xml
    .split("<item>")
    .slice(1)
    .map((chunk) => ({
      id: /<link>https:\/\/arxiv\.org\/abs\/([^<]+)<\/link>/.exec(chunk)?.[1],
      version: Number(/<guid[^>]*>oai:arXiv\.org:[^<]*v(\d+)<\/guid>/.exec(chunk)?.[1]),
      primaryCategory: /<category>([^<]+)<\/category>/.exec(chunk)?.[1],
      announceType: /<arxiv:announce_type>([^<]+)</.exec(chunk)?.[1],
    }));
}

describe.each([...REAL.map((f) => `real/${f}`), ...DAILY.map((f) => `daily/${f}`)])("%s", (name) => {
  const xml = read(name);
  const feed = parse(name);

  it("yields schema-valid papers: versionless ids, primary category first, folded text", () => {
    for (const paper of feed.papers) {
      expect(PaperSchema.parse(paper)).toEqual(paper);
      expect(paper.id).toMatch(/^(\d{4}\.\d{4,5}|[a-z]+(-[a-z]+)*\/\d{7})$/);
      expect(paper.categories[0]).toBe(paper.primaryCategory);
      expect(new Set(paper.categories).size).toBe(paper.categories.length);
      expect(paper.links).toEqual({
        abs: `https://arxiv.org/abs/${paper.id}`,
        pdf: `https://arxiv.org/pdf/${paper.id}v${paper.version}`,
        html: `https://arxiv.org/html/${paper.id}v${paper.version}`,
      });
      for (const text of [paper.title, paper.abstract, ...paper.authors]) {
        expect(text).not.toMatch(/^\s|\s$|\s{2}|[\t\n\r]/);
      }
      expect(paper.abstract).not.toMatch(/Announce Type|^arXiv:|^Abstract:/);
    }
    expect(feed.skipped).toEqual([]);
  });

  it("has as many papers of each announce type as the XML says", () => {
    if (feed.format === "rss") {
      expect(feed.papers).toHaveLength(xml.split("<item>").length - 1);
      expect(countPapers(feed.papers)).toEqual(countTypes(xml));
    } else if (feed.format === "atom") {
      expect(feed.papers).toHaveLength(xml.split("<entry>").length - 1);
      const versions = [...xml.matchAll(/<id>http:\/\/arxiv\.org\/abs\/[^<]*v(\d+)<\/id>/g)].map((m) => m[1]);
      expect(countPapers(feed.papers).new ?? 0).toBe(versions.filter((v) => v === "1").length);
    } else {
      expect(feed.papers).toHaveLength(xml.split("<item ").length - 1);
      expect(countPapers(feed.papers).cross ?? 0).toBe(xml.split("CROSS LISTED)").length - 1);
    }
  });
});

const RSS = [...REAL.map((f) => `real/${f}`), ...DAILY.map((f) => `daily/${f}`)].filter((f) =>
  f.includes("/rss-"),
);

it.each(RSS)("%s: every item's id, version, first category and type, in order", (name) => {
  const papers = parse(name).papers;
  const fields = papers.map(({ id, version, primaryCategory, announceType }) => ({
    id,
    version,
    primaryCategory,
    announceType,
  }));
  expect(fields).toEqual(rawRssItems(read(name)));
});

describe("rss.arxiv.org RSS", () => {
  it("reads the combined daily feed: 1,430 papers, one announcement day, channel header", () => {
    const feed = parse("daily/rss-cs.AI+cs.CL+cs.DC+cs.LG.xml");
    expect(feed).toMatchObject({
      format: "rss",
      title: "cs.AI, cs.CL, cs.DC, cs.LG updates on arXiv.org",
      builtAt: "2026-01-29T05:00:02.000Z",
      announced: "2026-01-29",
      skipDays: ["Sunday", "Saturday"],
      paging: undefined,
    });
    expect(feed.papers).toHaveLength(1430);
    expect(countPapers(feed.papers)).toEqual({ new: 685, cross: 260, replace: 485 });
    expect(new Set(feed.papers.map((p) => p.announced))).toEqual(new Set(["2026-01-29"]));
    expect(new Set(feed.papers.map((p) => p.id)).size).toBe(1430);
  });

  it("reads a cross-list with a DOI: primary category first, as listed", () => {
    const paper = byId(parse("real/rss-combined-cross-replace-2026-09-24.xml"), "2205.06398");
    expect(paper).toEqual({
      id: "2205.06398",
      version: 2,
      title: "Outlier Detection for Multi-Network Data",
      authors: ["Pritam Dey", "Zhengwu Zhang", "David B. Dunson"],
      abstract: expect.stringMatching(
        /^It has become routine in neuroscience studies to measure brain networks/,
      ),
      announceType: "cross",
      categories: ["stat.ME", "stat.AP", "stat.ML"],
      primaryCategory: "stat.ME",
      announced: "2026-09-24",
      links: {
        abs: "https://arxiv.org/abs/2205.06398",
        pdf: "https://arxiv.org/pdf/2205.06398v2",
        html: "https://arxiv.org/html/2205.06398v2",
      },
      license: "http://creativecommons.org/licenses/by-sa/4.0/",
      doi: "10.1093/bioinformatics/btac431",
    });
    expect(paper.abstract.endsWith("can significantly change inferences in downstream applications.")).toBe(
      true,
    );
  });

  it("reads a replacement exactly", () => {
    expect(byId(parse("real/rss-combined-cross-replace-2026-09-24.xml"), "2009.13987")).toEqual({
      id: "2009.13987",
      version: 3,
      title: "Random Polytope Descriptors",
      authors: ["Michael Joswig", "Marek Kaluba", "Lukas Ruff"],
      abstract:
        "We introduce a class of random polytopes which simultaneously generalizes several known constructions. " +
        "While being fairly general, these polytopes are also computationally exceptionally benign. We indicate " +
        "how these properties can be exploited for classification and clustering tasks in data analysis. " +
        "Crucially, our construction lets users smoothly trade off between a tighter description of the data " +
        "and faster computation.",
      announceType: "replace",
      categories: ["cs.LG", "math.MG", "stat.ML"],
      primaryCategory: "cs.LG",
      announced: "2026-09-24",
      links: {
        abs: "https://arxiv.org/abs/2009.13987",
        pdf: "https://arxiv.org/pdf/2009.13987v3",
        html: "https://arxiv.org/html/2009.13987v3",
      },
      license: "http://arxiv.org/licenses/nonexclusive-distrib/1.0/",
    });
  });

  it("keeps the four licence kinds of the combined feed", () => {
    const feed = parse("real/rss-combined-cross-replace-2026-09-24.xml");
    expect(feed.papers.map((p) => p.license)).toEqual([
      "http://creativecommons.org/licenses/by-nc-sa/4.0/",
      "http://creativecommons.org/licenses/by-nc-nd/4.0/",
      "http://creativecommons.org/licenses/by-sa/4.0/",
      "http://arxiv.org/licenses/nonexclusive-distrib/1.0/",
    ]);
    const daily = parse("daily/rss-cs.LG.xml");
    expect(new Set(daily.papers.map((p) => p.license))).toEqual(
      new Set([
        "http://arxiv.org/licenses/nonexclusive-distrib/1.0/",
        "http://creativecommons.org/licenses/by/4.0/",
        "http://creativecommons.org/licenses/by-nc-sa/4.0/",
        "http://creativecommons.org/licenses/by-nc-nd/4.0/",
      ]),
    );
  });

  it("reads a per-category feed's paper with five categories and its channel", () => {
    const feed = parse("real/rss-cs.LG-2026-04-27.xml");
    expect(feed).toMatchObject({
      title: "cs.LG updates on arXiv.org",
      builtAt: "2026-04-27T04:00:01.000Z",
      announced: "2026-04-27",
      skipDays: ["Saturday", "Sunday"],
    });
    const paper = byId(feed, "2604.21952");
    expect(paper.categories).toEqual(["cs.LG", "cs.AI", "cs.AR", "cs.NE", "cs.RO"]);
    expect(paper.authors).toEqual([
      "Muhammad Shafique",
      "Abdul Basit",
      "Muhammad Abdullah Hanif",
      "Alberto Marchisio",
      "Rachmad Vidya Wicaksana Putra",
      "Minghao Shao",
    ]);
    expect(paper.abstract).toContain("visual resolution & stride");
    expect(paper.abstract.startsWith("This work presents a multi-layered methodology")).toBe(true);
  });

  it("decodes entities in titles once and keeps non-ASCII names", () => {
    const feed = parse("daily/rss-cs.AI+cs.CL+cs.DC+cs.LG.xml");
    expect(byId(feed, "2601.20592").title).toBe(
      "RAG: Scaling LLM Reasoning via Test-time Policy Evolution: Theory & Practice",
    );
    expect(byId(feed, "2601.20259").title).toMatch(/Key-Value Caching for <10ms Decoding$/);
    const names = new Set(feed.papers.flatMap((p) => p.authors));
    for (const name of ["José Álvarez", "Nguyễn Văn An", "王磊", "Chloé O'Brien", "Ana-María Pérez-García"]) {
      expect(names).toContain(name);
    }
    expect(feed.papers.some((p) => p.title.includes("$O(n \\log n)$"))).toBe(true);
  });

  it("gives DOIs where the feed has them", () => {
    const xml = read("daily/rss-cs.AI+cs.CL+cs.DC+cs.LG.xml");
    const feed = parse("daily/rss-cs.AI+cs.CL+cs.DC+cs.LG.xml");
    expect(feed.papers.filter((p) => p.doi !== undefined)).toHaveLength(xml.split("<arxiv:DOI>").length - 1);
  });
});

describe("export.arxiv.org API Atom", () => {
  it("reads the feed header and OpenSearch totals", () => {
    const feed = parse("real/api-query-cs.LG-OR-cs.AI-20.xml");
    expect(feed).toMatchObject({
      format: "atom",
      title: "arXiv Query: search_query=cat:cs.LG OR cat:cs.AI&id_list=&start=0&max_results=20",
      builtAt: "2026-04-30T17:33:16.000Z",
      announced: undefined,
      skipDays: [],
      paging: { totalResults: 364218, startIndex: 0, itemsPerPage: 20 },
    });
  });

  it("reads the primary category, comment and submission date of an entry", () => {
    const paper = byId(parse("real/api-query-cs.LG-OR-cs.AI-20.xml"), "2604.26951");
    expect(paper).toMatchObject({
      version: 1,
      announceType: "new",
      primaryCategory: "cs.CL",
      categories: ["cs.CL", "cs.AI", "cs.LG"],
      announced: "2026-04-29",
      comment: "15 pages, 3 figures. Code: https://github.com/PKU-YuanGroup/TIDE",
    });
    expect(paper.license).toBeUndefined();
  });

  it("puts arxiv:primary_category first even when it is not listed first", () => {
    const xml = read("real/api-query-cs.LG-OR-cs.AI-20.xml").replace(
      '<category term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>',
      "",
    );
    const outcome = parseArxivFeed(
      xml.replace('<arxiv:primary_category term="cs.CL"/>', (m) => `${m}<category term="cs.CL"/>`),
    );
    expect(outcome.ok && byId(outcome.feed, "2604.26951").categories).toEqual(["cs.CL", "cs.AI", "cs.LG"]);
    const unlisted = parseArxivFeed(xml);
    expect(unlisted.ok && byId(unlisted.feed, "2604.26951").categories).toEqual(["cs.CL", "cs.AI", "cs.LG"]);
  });

  it("keeps LaTeX in titles", () => {
    const paper = byId(parse("real/api-query-cs.LG-OR-cs.AI-20.xml"), "2604.26926");
    expect(paper.title).toBe("A Note on How to Remove the $\\ln\\ln T$ Term from the Squint Bound");
    expect(paper.abstract).toContain("Orabona and Pál [2016]");
  });

  it("reads non-ASCII names, a DOI, a journal reference and a comment", () => {
    const feed = parse("real/api-query-cs.LG-OR-cs.AI-20.xml");
    expect(byId(feed, "2604.26888")).toMatchObject({
      authors: ["Janis Mohr", "Jörg Frochte"],
      doi: "10.1007/978-3-031-85252-7_10",
      journalRef:
        "In: Bäck, T. et al. (eds.), Computational Intelligence, IJCCI 2023, Studies in Computational " +
        "Intelligence, vol. 1196, Springer, Cham, pp. 165-186 (2025)",
      comment: "Accepted author manuscript; page layout differs from the published Springer version",
    });
    expect(byId(feed, "2604.26869").authors).toEqual([
      "Attila Pintér",
      "Javier Rico",
      "Attila Répai",
      "Jalal Al-Afandi",
      "Adrienn Éva Borsy",
      "András Kozma",
      "Hajnalka Andrikovics",
      "György Cserey",
    ]);
    expect(byId(feed, "2604.26898").authors).toContain("Eloy Mosig García");
  });

  it("reads the older format: folded title, TeX accents, DOI and journal reference", () => {
    const feed = parse("real/api-old-format-1601.00001.xml");
    expect(feed.paging).toEqual({ totalResults: 1, startIndex: 0, itemsPerPage: 10 });
    expect(feed.title).toBe("ArXiv Query: search_query=&id_list=1601.00001&start=0&max_results=10");
    const paper = byId(feed, "1601.00001");
    expect(paper).toEqual({
      id: "1601.00001",
      version: 1,
      title: "Inelastic effects in molecular transport junctions: The probe technique at high bias",
      authors: ["Michael Kilgour", "Dvira Segal"],
      abstract: expect.stringMatching(
        /^We extend the Landauer-Büttiker probe formalism for conductances to the high/,
      ),
      announceType: "new",
      categories: ["cond-mat.mes-hall"],
      primaryCategory: "cond-mat.mes-hall",
      announced: "2015-12-26",
      links: {
        abs: "https://arxiv.org/abs/1601.00001",
        pdf: "https://arxiv.org/pdf/1601.00001v1",
        html: "https://arxiv.org/html/1601.00001v1",
      },
      doi: "10.1063/1.4944470",
      journalRef: "J. Chem. Phys. 144, 124107 (2016)",
    });
    expect(paper.abstract).toContain("realize fundamentally distinct $I$-$V$ characteristics");
    expect(paper.abstract.endsWith("far-from-equilibrium.")).toBe(true);
  });
});

describe("retired RDF export feed", () => {
  const feed = parse("real/rdf-old-export-hep-ex-2021-07-08.xml");

  it("reads the channel", () => {
    expect(feed).toMatchObject({
      format: "rdf",
      title: "hep-ex updates on arXiv.org",
      builtAt: "2021-07-09T01:30:00.000Z",
      announced: "2021-07-08",
      skipDays: [],
    });
  });

  it("takes id, version, primary category and type from the title suffix", () => {
    expect(feed.papers.map((p) => [p.id, p.version, p.primaryCategory, p.announceType])).toEqual([
      ["2107.03419", 1, "hep-ex", "new"],
      ["2106.00550", 2, "math.GR", "cross"],
      ["2007.03939", 2, "hep-ph", "replace-cross"],
    ]);
  });

  it("repairs the tab the old feed made of \\t in TeX, and drops the suffix", () => {
    expect(byId(feed, "2107.03419")).toEqual({
      id: "2107.03419",
      version: 1,
      title: "Observation of excited $\\Omega_c^0$ baryons in $\\Omega_b^- \\to \\Xi_c^+ K^-\\pi^-$ decays",
      authors: ["LHCb collaboration", "R. Aaij"],
      abstract: "desc1",
      announceType: "new",
      categories: ["hep-ex"],
      primaryCategory: "hep-ex",
      announced: "2021-07-08",
      links: {
        abs: "https://arxiv.org/abs/2107.03419",
        pdf: "https://arxiv.org/pdf/2107.03419v1",
        html: "https://arxiv.org/html/2107.03419v1",
      },
    });
  });

  it("reads authors out of the HTML author links", () => {
    expect(byId(feed, "2007.03939").authors).toEqual([
      "Partha Pratim Bhaduri",
      "Mubarak Alqahtani",
      "Nicolas Borghini",
      "Amaresh Jaiswal",
      "Michael Strickland",
    ]);
  });
});

describe("old-style identifiers (none in the recorded fixtures)", () => {
  const rssItem = read("real/rss-combined-cross-replace-2026-09-24.xml").replaceAll(
    "2009.13987",
    "hep-ex/0101001",
  );

  it("reads an old-style id from an RSS item", () => {
    const outcome = parseArxivFeed(rssItem);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const paper = byId(outcome.feed, "hep-ex/0101001");
    expect(paper).toMatchObject({
      version: 3,
      links: {
        abs: "https://arxiv.org/abs/hep-ex/0101001",
        pdf: "https://arxiv.org/pdf/hep-ex/0101001v3",
        html: "https://arxiv.org/html/hep-ex/0101001v3",
      },
    });
  });

  it("reads an old-style id with a subject class from an API entry", () => {
    const xml = read("real/api-old-format-1601.00001.xml").replaceAll(
      "http://arxiv.org/abs/1601.00001v1",
      "http://arxiv.org/abs/math.GT/0309136v2",
    );
    const outcome = parseArxivFeed(xml);
    expect(outcome.ok && outcome.feed.papers.map((p) => [p.id, p.version, p.announceType])).toEqual([
      ["math/0309136", 2, "replace"],
    ]);
  });
});
