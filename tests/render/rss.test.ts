import { describe, expect, it } from "vitest";
import { renderRss } from "../../lib/render/rss.js";
import { texText } from "../../lib/render/tex-text.js";
import { xmlText } from "../../lib/render/xml-text.js";
import { assertStrictXml, feedparse } from "../helpers/validate.js";
import { hostilePapers, makePaper, makeView, realisticPapers } from "./papers.js";
import { parseRss } from "./parse-feed.js";

describe("renderRss", () => {
  const papers = realisticPapers();
  const view = makeView(papers);
  const xml = renderRss(view);

  it("is strict XML that feedparser reads as RSS 2.0 without complaint", async () => {
    assertStrictXml(xml);
    const parsed = await feedparse(xml);
    expect(parsed.bozo_exception).toBeUndefined();
    expect(parsed.bozo).toBe(false);
    expect(parsed.version).toBe("rss20");
    expect(parsed.feed.title).toBe("arxiv-feeds: cs.LG");
    expect(parsed.entries).toHaveLength(papers.length);
  });

  it("gives feedparser titles literally, ids without version, links and authors as authors", async () => {
    const { entries } = await feedparse(xml);
    // Simple TeX shows as Unicode text; the rest of the title is literal.
    expect(entries.map((entry) => entry.title)).toEqual(papers.map((paper) => texText(paper.title)));
    expect(entries[0]?.title).toBe("Attention in O(n²) Time: When <Sparse> & Dense Meet");
    expect(entries.map((entry) => entry.id)).toEqual(["2604.30001", "2604.30002", "hep-ex/0101001"]);
    expect(entries.map((entry) => entry.link)).toEqual(papers.map((paper) => paper.links.abs));
    // One creator holding every name, first author first, as arXiv's own feed writes it.
    expect(entries.map((entry) => entry.authors)).toEqual(papers.map((paper) => [paper.authors.join(", ")]));
    expect(entries[0]?.content).toContain("AI summary (by qwen-long)");
  });

  it("writes the channel: title, link, description, self link, lastBuildDate, language, ttl", () => {
    const channel = parseRss(xml);
    expect(channel.title["#text"]).toBe(view.title);
    expect(channel.link["#text"]).toBe("https://feeds.example.app/");
    expect(channel.description["#text"]).toBe(view.description);
    expect(channel["atom:link"]?.[0]).toMatchObject({ "@rel": "self", "@href": view.selfUrl });
    expect(channel.lastBuildDate["#text"]).toBe("Mon, 27 Apr 2026 06:15:08 GMT");
    expect(channel.language?.["#text"]).toBe("en");
    expect(channel.ttl?.["#text"]).toBe("60");
  });

  it("writes each item's guid, pubDate, description (metadata, abstract, links, TL;DR), content, categories, dc:creator", () => {
    const [first, second] = parseRss(xml).item ?? [];
    expect(first?.guid).toEqual({ "#text": "2604.30001", "@isPermaLink": "false" });
    // Midnight US Eastern (EDT) of the announcement date, as arXiv's own feed dates it.
    expect(first?.pubDate["#text"]).toBe("Mon, 27 Apr 2026 04:00:00 GMT");
    const description = first?.description["#text"] ?? "";
    // What the reference's description carried, plus keywords, links and the TL;DR, but not the
    // full summary (that is content:encoded's).
    for (const part of [
      "Authors:",
      "Category:",
      "Why it matched:",
      "Score 8.5",
      "Type:",
      "arXiv ID:",
      "2604.30001v2",
      "Abstract:",
      ">PDF<",
      ">HTML<",
    ]) {
      expect(description).toContain(part);
    }
    // A preview shows the TL;DR first.
    expect(description.startsWith("<p><strong>TL;DR:</strong> Sparse attention")).toBe(true);
    expect(description).toContain("(AI summary by qwen-long)");
    expect(description).not.toContain("AI summary (by");
    expect(first?.["content:encoded"]["#text"]).toContain("AI summary (by");
    expect(first?.["content:encoded"]["#text"]).toContain("2604.30001v2");
    expect(first?.category?.map((category) => category["#text"])).toEqual(["cs.LG", "cs.AI"]);
    expect(first?.["dc:creator"]?.map((creator) => creator["#text"])).toEqual([
      papers[0]?.authors.join(", "),
    ]);
    expect(second?.description["#text"]).toContain("This work presents");
  });

  it("never writes <author> (an e-mail address in RSS)", () => {
    expect(xml).not.toMatch(/<author[\s>]/);
    expect(parseRss(xml).item?.every((item) => item.author === undefined)).toBe(true);
  });

  it("keeps the guid of a paper stable across versions and refreshes", () => {
    const v1 = makePaper({ id: "2604.50000", version: 1, score: 3 });
    const v2 = makePaper({ id: "2604.50000", version: 2, score: 7, announced: "2026-04-28" });
    const guid = (paper: typeof v1, updated: Date) =>
      parseRss(renderRss(makeView([paper], { updated }))).item?.[0]?.guid["#text"];
    expect(guid(v1, new Date("2026-04-27T06:00:00Z"))).toBe("2604.50000");
    expect(guid(v2, new Date("2026-04-28T06:00:00Z"))).toBe("2604.50000");
  });

  it("keeps a literal '&amp;' in a title literal", () => {
    const channel = parseRss(renderRss(makeView([makePaper({ title: "Tom &amp; Jerry ]]> and ]]> more" })])));
    expect(channel.item?.[0]?.title["#text"]).toBe("Tom &amp; Jerry ]]> and ]]> more");
  });

  it("renders an empty feed (weekend notice) as a valid channel", async () => {
    const empty = renderRss(makeView([], { description: "No announcement today (weekend)." }));
    assertStrictXml(empty);
    const parsed = await feedparse(empty);
    expect(parsed.bozo).toBe(false);
    expect(parsed.entries).toHaveLength(0);
    expect(parseRss(empty).description["#text"]).toBe("No announcement today (weekend).");
  });

  it("stays strict XML on hostile papers, with no <script anywhere", async () => {
    const hostile = hostilePapers();
    const out = renderRss(
      makeView(hostile, { title: `Feed \u0000 ]]> <script>`, description: "\uD800 & <b>" }),
    );
    assertStrictXml(out);
    expect(out).not.toMatch(/<script/i);
    const parsed = await feedparse(out);
    expect(parsed.bozo).toBe(false);
    expect(parsed.entries).toHaveLength(hostile.length);
    expect(parseRss(out).item?.map((item) => item.title["#text"])).toEqual(
      hostile.map((paper) => texText(xmlText(paper.title)).replace(/\r\n?/g, "\n")),
    );
    // A `javascript:` abs link is replaced by the canonical one.
    expect(parsed.entries[1]?.link).toBe("https://arxiv.org/abs/2604.40002");
  });
});
