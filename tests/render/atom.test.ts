import { describe, expect, it } from "vitest";
import { renderAtom } from "../../lib/render/atom.js";
import { texText } from "../../lib/render/tex-text.js";
import { xmlText } from "../../lib/render/xml-text.js";
import { assertStrictXml, feedparse, validateAtom } from "../helpers/validate.js";
import { hostilePapers, makePaper, makeView, realisticPapers } from "./papers.js";
import { parseAtom } from "./parse-feed.js";

describe("renderAtom", () => {
  const papers = realisticPapers();
  const view = makeView(papers, { selfUrl: "https://feeds.example.app/atom/cs.LG" });
  const xml = renderAtom(view);

  it("is strict XML, valid against RFC 4287's RELAX NG grammar, and read by feedparser as Atom 1.0", async () => {
    assertStrictXml(xml);
    await validateAtom(xml);
    const parsed = await feedparse(xml);
    expect(parsed.bozo_exception).toBeUndefined();
    expect(parsed.bozo).toBe(false);
    expect(parsed.version).toBe("atom10");
    expect(parsed.feed.title).toBe("arxiv-feeds: cs.LG");
    expect(parsed.entries).toHaveLength(papers.length);
  });

  it("gives feedparser titles literally, stable ids, links and authors as authors", async () => {
    const { entries } = await feedparse(xml);
    expect(entries.map((entry) => entry.title)).toEqual(papers.map((paper) => texText(paper.title)));
    expect(entries.map((entry) => entry.id)).toEqual([
      "https://arxiv.org/abs/2604.30001",
      "https://arxiv.org/abs/2604.30002",
      "https://arxiv.org/abs/hep-ex/0101001",
    ]);
    expect(entries.map((entry) => entry.link)).toEqual(papers.map((paper) => paper.links.abs));
    expect(entries.map((entry) => entry.authors)).toEqual(papers.map((paper) => paper.authors));
    expect(entries[0]?.content).toContain("AI summary (by qwen-long)");
  });

  it("writes titles as type=text, categories with a term, summary and content as html", () => {
    expect(xml).not.toContain('<title type="html"');
    const entry = parseAtom(xml).entry?.[0];
    expect(entry?.title).toEqual({
      "#text": "Attention in O(n²) Time: When <Sparse> & Dense Meet",
      "@type": "text",
    });
    expect(entry?.category?.map((category) => category["@term"])).toEqual(["cs.LG", "cs.AI"]);
    expect(entry?.summary["@type"]).toBe("html");
    expect(entry?.content["@type"]).toBe("html");
    expect(entry?.content["#text"]).toContain("<strong>Why it matched:</strong> Score 8.5");
    // The summary a reader previews opens with the TL;DR, then why the paper matched.
    expect(entry?.summary["#text"]).toMatch(
      /^<p>Sparse attention matches[^<]*<\/p><p>Score 8\.5 · matched: /,
    );
  });

  it("dates entries at the announcement, updated when a summary arrives, and the feed at its update", () => {
    const feed = parseAtom(xml);
    expect(feed.updated["#text"]).toBe("2026-04-27T06:15:08.000Z");
    expect(feed.entry?.[0]?.published["#text"]).toBe("2026-04-27T04:00:00.000Z");
    // Updated when its summary arrived (05:00 UTC), after the announcement (04:00 UTC): readers refetch it.
    expect(feed.entry?.[0]?.updated["#text"]).toBe("2026-04-27T05:00:00.000Z");
    // 1 November 2026 is the day US Eastern leaves DST: its midnight is still EDT.
    expect(feed.entry?.[2]?.published["#text"]).toBe("2026-11-01T04:00:00.000Z");
  });

  it("links to itself, the site, and the other formats; names its language", () => {
    const feed = parseAtom(xml);
    expect(feed.id["#text"]).toBe(view.selfUrl);
    expect(feed["@xml:lang"]).toBe("en");
    const links = feed.link.map((link) => [link["@rel"], link["@type"], link["@href"]]);
    expect(links).toEqual([
      ["alternate", undefined, "https://feeds.example.app/"],
      ["self", undefined, view.selfUrl],
      ["alternate", "application/rss+xml", view.alternates.rss],
      ["alternate", "application/feed+json", view.alternates.json],
    ]);
  });

  it("keeps entry ids stable across versions and refreshes", () => {
    const id = (version: number, updated: string) =>
      parseAtom(
        renderAtom(makeView([makePaper({ id: "2604.50000", version })], { updated: new Date(updated) })),
      ).entry?.[0]?.id["#text"];
    expect(id(1, "2026-04-27T06:00:00Z")).toBe("https://arxiv.org/abs/2604.50000");
    expect(id(3, "2026-05-02T06:00:00Z")).toBe("https://arxiv.org/abs/2604.50000");
  });

  it("renders an empty feed as valid Atom", async () => {
    const empty = renderAtom(makeView([], { description: "No announcement today (weekend)." }));
    assertStrictXml(empty);
    await validateAtom(empty);
    expect((await feedparse(empty)).entries).toHaveLength(0);
  });

  it("stays valid on hostile papers, with titles and authors literal and no <script anywhere", async () => {
    const hostile = hostilePapers();
    const out = renderAtom(makeView(hostile, { title: "\u0000 ]]> <script>", language: "not a tag!" }));
    assertStrictXml(out);
    await validateAtom(out);
    expect(out).not.toMatch(/<script/i);
    const parsed = await feedparse(out);
    expect(parsed.bozo).toBe(false);
    expect(parsed.entries.map((entry) => entry.title)).toEqual(
      hostile.map((paper) => texText(xmlText(paper.title))),
    );
    expect(parsed.entries[0]?.authors).toEqual(
      hostile[0]?.authors.filter((name) => name.trim()).map((name) => xmlText(name)),
    );
    expect(parseAtom(out)["@xml:lang"]).toBeUndefined();
  });
});
