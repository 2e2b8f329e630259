import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ArxivParseError } from "../../lib/arxiv/errors.js";
import { type ParseOutcome, parseArxivFeed } from "../../lib/arxiv/parse.js";
import { PaperSchema } from "../../lib/model/paper.js";
import { readFixture } from "../helpers/fixtures.js";

const read = (name: string) => readFixture("arxiv", name);

/** One real item per format, with three slots to fill. */
const TEMPLATES = {
  rss: read("real/rss-combined-cross-replace-2026-09-24.xml")
    .replace("<title>Random Polytope Descriptors</title>", "<title>@TITLE@</title>")
    .replace(/Abstract: We introduce a class of random polytopes[^<]*/, "Abstract: @ABSTRACT@")
    .replace("Michael Joswig, Marek Kaluba, Lukas Ruff", "@AUTHORS@"),
  atom: read("real/api-old-format-1601.00001.xml")
    .replace(/<title>Inelastic[^<]*<\/title>/, "<title>@TITLE@</title>")
    .replace(/<summary>[^<]*<\/summary>/, "<summary>@ABSTRACT@</summary>")
    .replace("<name>Dvira Segal</name>", "<name>@AUTHORS@</name>"),
  rdf: read("real/rdf-old-export-hep-ex-2021-07-08.xml")
    .replace("Fireball tomography from bottomonia", "@TITLE@")
    .replace("desc3", "@ABSTRACT@")
    .replace("Michael Strickland", "@AUTHORS@"),
};
type Format = keyof typeof TEMPLATES;
const ID: Record<Format, string> = { rss: "2009.13987", atom: "1601.00001", rdf: "2007.03939" };

const fill = (format: Format, title: string, abstract: string, authors: string) =>
  TEMPLATES[format]
    .replace("@TITLE@", () => title)
    .replace("@ABSTRACT@", () => abstract)
    .replace("@AUTHORS@", () => authors);

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Pieces that stress an XML text field: markup, entities, CDATA, controls, surrogates, TeX. */
const NASTY = fc.constantFrom(
  "<",
  ">",
  "&",
  "&amp;",
  "&lt;",
  "&#0;",
  "&#x1F600;",
  "&#xD800;",
  "&nbsp;",
  "&lol;",
  "]]>",
  "<![CDATA[x]]>",
  "<![CDATA[",
  "</title>",
  "</item>",
  "<item>",
  "<b>",
  "<!-- c -->",
  "<?pi x?>",
  "<!DOCTYPE x>",
  '"',
  "'",
  "\u0000",
  "\u0008",
  "\t",
  "\r\n",
  "\ud800",
  "\udfff",
  "\ufeff",
  "\u2028",
  '\\"u',
  "{\\'e}",
  "$\\ln x$",
  "\\",
  ",",
  " and ",
  "arXiv:2604.21952v2 Announce Type: cross",
  "(arXiv:2107.03419v1 [hep-ex])",
);
const anyText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.array(fc.oneof(NASTY, fc.string({ maxLength: 5 })), { maxLength: 12 }).map((parts) => parts.join("")),
);
const format = fc.constantFrom<Format>("rss", "atom", "rdf");

const INVALID_XML_TEXT =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: checking that none are left.
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function expectWellTyped(outcome: ParseOutcome): void {
  if (!outcome.ok) {
    expect(outcome.error).toBeInstanceOf(ArxivParseError);
    expect(["malformed", "not-a-feed", "too-large"]).toContain(outcome.error.kind);
    expect(outcome.error.message.length).toBeGreaterThan(0);
    return;
  }
  for (const paper of outcome.feed.papers) {
    PaperSchema.parse(paper);
    for (const text of [paper.title, paper.abstract, ...paper.authors])
      expect(text).not.toMatch(INVALID_XML_TEXT);
  }
}

describe("random text in title, abstract and authors", () => {
  it("never crashes the parser: a feed or a typed error", () => {
    fc.assert(
      fc.property(format, anyText, anyText, anyText, (f, title, abstract, authors) => {
        expectWellTyped(parseArxivFeed(fill(f, title, abstract, authors)));
      }),
      { numRuns: 600 },
    );
  });

  it("survives random text anywhere in the document", () => {
    fc.assert(
      fc.property(format, fc.nat(), anyText, (f, at, text) => {
        const xml = TEMPLATES[f];
        const i = at % (xml.length + 1);
        expectWellTyped(parseArxivFeed(xml.slice(0, i) + text + xml.slice(i)));
        expectWellTyped(parseArxivFeed(xml.slice(0, i)));
      }),
      { numRuns: 300 },
    );
  });

  it("reads escaped text back: decoded once, whitespace folded", () => {
    // Printable text without TeX backslashes or control characters comes back exactly, folded.
    const printable = fc
      .string({ unit: "grapheme", maxLength: 60 })
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point.
      .map((s) => s.replace(/[\\\u0000-\u001f\u007f-\u009f\ud800-\udfff\ufffe\uffff]/g, ""));
    fc.assert(
      fc.property(format, printable, printable, (f, title, abstract) => {
        const outcome = parseArxivFeed(fill(f, escapeXml(title), escapeXml(abstract), "Ann Author"));
        expect(outcome.ok).toBe(true);
        if (!outcome.ok) return;
        const paper = outcome.feed.papers.find((p) => p.id === ID[f]);
        const folded = (s: string) => s.replace(/\s+/g, " ").trim();
        if (f !== "rdf") expect(paper?.title).toBe(folded(title));
        // The RDF abstract is HTML, so only its tags-free, entity-free text is comparable.
        if (f !== "rdf" || !/[<&]/.test(abstract)) expect(paper?.abstract).toBe(folded(abstract));
      }),
      { numRuns: 400 },
    );
  });
});
