import { describe, expect, it } from "vitest";
import { JSON_FEED_VERSION, renderJsonFeed } from "../../lib/render/json-feed.js";
import { texText } from "../../lib/render/tex-text.js";
import { xmlText } from "../../lib/render/xml-text.js";
import { assertXmlChars, validateJsonFeed } from "../helpers/validate.js";
import { hostilePapers, makePaper, makeView, realisticPapers } from "./papers.js";

interface JsonFeedItem {
  id: string;
  url: string;
  title?: string;
  content_html: string;
  summary: string;
  date_published: string;
  authors: { name: string }[];
  tags: string[];
  _arxiv: Record<string, unknown>;
  author?: unknown;
}

interface JsonFeed {
  version: string;
  title: string;
  home_page_url: string;
  feed_url: string;
  description: string;
  language: string;
  items: JsonFeedItem[];
}

const parse = (json: string) => JSON.parse(json) as JsonFeed;

describe("renderJsonFeed", () => {
  const papers = realisticPapers();
  const view = makeView(papers, { selfUrl: "https://feeds.example.app/feed/cs.LG.json" });
  const json = renderJsonFeed(view);
  const feed = parse(json);

  it("is valid JSON Feed 1.1", () => {
    validateJsonFeed(json);
    expect(feed.version).toBe(JSON_FEED_VERSION);
    expect(feed.title).toBe(view.title);
    expect(feed.feed_url).toBe(view.selfUrl);
    expect(feed.home_page_url).toBe("https://feeds.example.app/");
    expect(feed.description).toBe(view.description);
    expect(feed.language).toBe("en");
    expect(feed.items).toHaveLength(papers.length);
  });

  it("writes items: stable id, url, literal title, every author, tags, dates, html and plain summary", () => {
    const [item] = feed.items;
    expect(item?.id).toBe("https://arxiv.org/abs/2604.30001");
    expect(item?.url).toBe("https://arxiv.org/abs/2604.30001");
    expect(item?.title).toBe("Attention in O(n²) Time: When <Sparse> & Dense Meet");
    expect(item?.authors).toEqual(papers[0]?.authors.map((name) => ({ name })));
    expect(item?.author).toBeUndefined();
    expect(item?.tags).toEqual(["cs.LG", "cs.AI"]);
    expect(item?.date_published).toBe("2026-04-27T04:00:00.000Z");
    expect(item?.content_html).toContain("AI summary (by qwen-long)");
    // JSON Feed's `summary` is the TL;DR itself.
    expect(item?.summary).toBe("Sparse attention matches dense quality at a fraction of the cost.");
    expect(item?.summary).not.toMatch(/<p>|&amp;/);
  });

  it("carries the ranking in the _arxiv extension", () => {
    expect(feed.items[0]?._arxiv).toEqual({
      id: "2604.30001",
      version: 2,
      versioned_id: "2604.30001v2",
      score: 8.54,
      matched_keywords: [
        { keyword: "quantization", in_title: false, in_abstract: true },
        { keyword: "Foundation Models", in_title: true, in_abstract: true },
      ],
      announce_type: "new",
      announced: "2026-04-27",
      primary_category: "cs.LG",
      categories: ["cs.LG", "cs.AI"],
      summary_model: "qwen-long",
    });
    expect(feed.items[1]?._arxiv).not.toHaveProperty("summary_model");
  });

  it("keeps item ids stable across versions", () => {
    const id = (version: number) => parse(renderJsonFeed(makeView([makePaper({ version })]))).items[0]?.id;
    expect(id(1)).toBe(id(4));
  });

  it("renders an empty feed as valid JSON Feed", () => {
    const empty = renderJsonFeed(makeView([]));
    validateJsonFeed(empty);
    expect(parse(empty).items).toEqual([]);
  });

  it("stays valid on hostile papers: only XML-safe text, no <script, literal titles", () => {
    const hostile = hostilePapers();
    const out = renderJsonFeed(makeView(hostile, { title: "\u0000\uDBFF feed" }));
    validateJsonFeed(out);
    expect(out).not.toMatch(/<script/i);
    const parsed = parse(out);
    expect(parsed.items.some((item) => /<script/i.test(item.content_html))).toBe(false);
    // Every decoded string of the document (JSON's \u escapes would hide a lone surrogate).
    const strings = (value: unknown): string[] =>
      typeof value === "string"
        ? [value]
        : value && typeof value === "object"
          ? Object.values(value).flatMap(strings)
          : [];
    const all = strings(parsed);
    expect(all.length).toBeGreaterThan(hostile.length * 3);
    for (const text of all) assertXmlChars(text);
    expect(parsed.items.map((item) => item.title)).toEqual(
      hostile.map((paper) => texText(xmlText(paper.title))),
    );
    expect(parsed.items[1]?.url).toBe("https://arxiv.org/abs/2604.40002");
    expect(parsed.items[1]?.authors).toEqual([]);
  });
});
