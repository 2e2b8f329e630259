import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { renderOpml } from "../../lib/render/opml.js";
import { assertStrictXml } from "../helpers/validate.js";
import { HOSTILE } from "./papers.js";

interface Outline {
  "@type": string;
  "@text": string;
  "@title": string;
  "@xmlUrl": string;
  "@htmlUrl": string;
  "@version"?: string;
}

function outlines(xml: string): { title: string; outlines: Outline[] } {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@",
    isArray: (name) => name === "outline",
  });
  const doc = parser.parse(xml) as {
    opml: { "@version": string; head: { title: string }; body: { outline?: Outline[] } };
  };
  expect(doc.opml["@version"]).toBe("2.0");
  return { title: doc.opml.head.title, outlines: doc.opml.body.outline ?? [] };
}

describe("renderOpml", () => {
  const site = "https://feeds.example.app";
  const feeds = [
    { title: "arxiv-feeds: all", xmlUrl: `${site}/rss`, htmlUrl: site },
    { title: "arxiv-feeds: cs.LG", xmlUrl: `${site}/rss/cs.LG`, htmlUrl: site, type: "rss" as const },
    {
      title: "arxiv-feeds: cs.CL (Atom)",
      xmlUrl: `${site}/atom/cs.CL?keywords=a&b`,
      htmlUrl: site,
      type: "atom" as const,
    },
  ];

  it("is well-formed OPML 2.0 with one rss outline per feed", () => {
    const xml = renderOpml({ title: "arxiv-feeds subscriptions", feeds });
    assertStrictXml(xml);
    const read = outlines(xml);
    expect(read.title).toBe("arxiv-feeds subscriptions");
    expect(read.outlines).toHaveLength(3);
    expect(read.outlines.every((outline) => outline["@type"] === "rss")).toBe(true);
    expect(read.outlines.map((outline) => outline["@xmlUrl"])).toEqual(feeds.map((feed) => feed.xmlUrl));
    expect(read.outlines[2]).toMatchObject({
      "@text": feeds[2]?.title,
      "@title": feeds[2]?.title,
      "@htmlUrl": site,
    });
    expect(read.outlines[2]?.["@version"]).toBeUndefined();
    expect(read.outlines[0]?.["@version"]).toBe("RSS");
  });

  it("escapes hostile titles and URLs", () => {
    const xml = renderOpml({
      title: HOSTILE,
      feeds: [{ title: `"a" & <b> ${HOSTILE}`, xmlUrl: `${site}/rss?x="1"&y=<2>`, htmlUrl: site }],
    });
    assertStrictXml(xml);
    expect(xml).not.toMatch(/<script/i);
    expect(outlines(xml).outlines).toHaveLength(1);
  });

  it("renders an empty list", () => {
    const xml = renderOpml({ title: "none", feeds: [] });
    assertStrictXml(xml);
    expect(outlines(xml).outlines).toEqual([]);
  });
});
