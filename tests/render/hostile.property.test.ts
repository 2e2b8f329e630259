import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RankedPaper } from "../../lib/model/snapshot.js";
import { renderAtom } from "../../lib/render/atom.js";
import { renderJsonFeed } from "../../lib/render/json-feed.js";
import { renderRss } from "../../lib/render/rss.js";
import { texText } from "../../lib/render/tex-text.js";
import { xmlText } from "../../lib/render/xml-text.js";
import { assertStrictXml, feedparse, validateAtom, validateJsonFeed } from "../helpers/validate.js";
import { makePaper, makeSummary, makeView } from "./papers.js";
import { parseAtom, parseRss, xmlLineEnds } from "./parse-feed.js";

/** One piece of a hostile string: markup, entities, CDATA ends, controls, surrogates, any unit. */
const hostileUnit = fc.oneof(
  fc.constantFrom(
    "]]>",
    "]]",
    "<",
    ">",
    "&",
    "&amp;",
    "&lt;",
    "&#0;",
    "&nbsp;",
    '"',
    "'",
    "<script>",
    "</details>",
    "<![CDATA[",
    "axf-title-0",
    "$O(n^2)$",
    "\\",
    "](",
    "\u0000",
    "\u0001",
    "\u000B",
    "\u001F",
    "\u007F",
    "\u0085",
    "\uFFFE",
    "\uFFFF",
    "\uD800",
    "\uDFFF",
    "\u202E",
    "\r",
    "\r\n",
    "\n",
    "\t",
    " ",
    "🚀",
  ),
  fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
  fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
);
const hostileText = fc.string({ unit: hostileUnit, maxLength: 30 });

const hostilePaper = fc
  .record({
    title: hostileText,
    abstract: hostileText,
    authors: fc.array(hostileText, { maxLength: 3 }),
    comment: hostileText,
    keyword: hostileText,
    model: hostileText,
    summaryText: hostileText,
  })
  .map(
    (fields): RankedPaper =>
      makePaper({
        title: fields.title,
        abstract: fields.abstract,
        authors: fields.authors,
        comment: fields.comment,
        matches: [{ keyword: fields.keyword, inTitle: true, inAbstract: true }],
        summary: makeSummary({ model: fields.model, tldr: fields.summaryText, text: fields.summaryText }),
      }),
  );

const papers = fc.array(hostilePaper, { minLength: 1, maxLength: 3 });

describe("renderers on hostile strings", () => {
  it("keep RSS and Atom strict XML, Atom RELAX NG valid, JSON Feed schema valid, titles literal", async () => {
    await fc.assert(
      fc.asyncProperty(papers, async (list) => {
        const view = makeView(list);
        const rss = renderRss(view);
        const atom = renderAtom(view);
        const json = renderJsonFeed(view);
        assertStrictXml(rss);
        assertStrictXml(atom);
        await validateAtom(atom);
        validateJsonFeed(json);
        for (const output of [rss, atom, json]) expect(output).not.toMatch(/<script/i);

        const titles = list.map((paper) => xmlLineEnds(texText(xmlText(paper.title))));
        expect(parseAtom(atom).entry?.map((entry) => xmlLineEnds(entry.title["#text"]))).toEqual(titles);
        expect(parseRss(rss).item?.map((item) => xmlLineEnds(item.title["#text"]))).toEqual(titles);
        const items = (JSON.parse(json) as { items: { title?: string }[] }).items;
        expect(items.map((item) => item.title ?? "")).toEqual(
          list.map((paper) => texText(xmlText(paper.title))),
        );
      }),
      { numRuns: 30 },
    );
  });

  it("never make feedparser complain", async () => {
    await fc.assert(
      fc.asyncProperty(papers, async (list) => {
        const view = makeView(list);
        for (const xml of [renderRss(view), renderAtom(view)]) {
          const parsed = await feedparse(xml);
          expect(parsed.bozo_exception).toBeUndefined();
          expect(parsed.entries).toHaveLength(list.length);
        }
      }),
      { numRuns: 15 },
    );
  });
});
