import { marked } from "marked";
import { describe, expect, it } from "vitest";
import { toApiPaper } from "../../lib/api/to-api-paper.js";
import { ConfigSchema } from "../../lib/config/schema.js";
import { renderAtom } from "../../lib/render/atom.js";
import { renderDigest } from "../../lib/render/digest.js";
import { renderItemHtml } from "../../lib/render/item-html.js";
import { closeToText, itemSummaryHtml, whyMatchedText } from "../../lib/render/item-summary.js";
import { renderJsonFeed } from "../../lib/render/json-feed.js";
import { renderRss } from "../../lib/render/rss.js";
import { assertStrictXml, validateAtom, validateJsonFeed } from "../helpers/validate.js";
import { HOSTILE, makePaper, makeView } from "./papers.js";
import { parseRss } from "./parse-feed.js";

/*
 * "close to: <title of the liked paper> (similarity 0.42)": where the matched keywords are, in
 * every format, whatever the liked paper's title holds; and nothing at all without a profile.
 */
const closeTo = {
  id: "2601.09555",
  title: "Benchmarking $\\mathrm{MXFP4}$ Quantization of LLMs",
  similarity: 0.4234,
};
const ranked = makePaper({
  id: "2601.20001",
  score: 6.7,
  matches: [{ keyword: "quantization", inTitle: false, inAbstract: true }],
  similarity: 0.37,
  closeTo,
});
const hostile = makePaper({
  id: "2601.20002",
  score: 3.1,
  similarity: 0.31,
  closeTo: { id: "2601.09555", title: `Liked ${HOSTILE}`, similarity: 0.31 },
});
const plain = makePaper({ id: "2601.20003" });
const digestConfig = ConfigSchema.parse({ categories: ["cs.LG"], keywords: ["quantization"] });

describe("the explanation line", () => {
  it("follows the keywords, TeX shown as text, the similarity with two decimals", () => {
    expect(closeToText(closeTo)).toBe("close to: Benchmarking MXFP4 Quantization of LLMs (similarity 0.42)");
    expect(whyMatchedText(ranked)).toBe(
      "Score 6.7 · matched: quantization (abstract) · close to: Benchmarking MXFP4 Quantization of LLMs (similarity 0.42)",
    );
    expect(whyMatchedText({ ...ranked, matches: [] })).toBe(
      "Score 6.7 · close to: Benchmarking MXFP4 Quantization of LLMs (similarity 0.42)",
    );
    expect(whyMatchedText(plain)).not.toContain("close to");
  });

  it("is escaped in the item HTML and the Atom summary, and a long title is cut", () => {
    const html = renderItemHtml(hostile);
    expect(html).not.toContain("<script>");
    expect(html).toContain("close to: Liked");
    expect(itemSummaryHtml(hostile)).not.toContain("<script>");
    const long = whyMatchedText({ ...ranked, closeTo: { ...closeTo, title: "word ".repeat(100) } });
    expect(long.length).toBeLessThan(300);
  });
});

describe("every format says it", () => {
  const view = makeView([ranked, hostile, plain]);

  it("RSS and Atom: valid XML, the line in each item", async () => {
    const rss = renderRss(view);
    assertStrictXml(rss);
    const items = parseRss(rss).item ?? [];
    expect(items.map((item) => JSON.stringify(item["content:encoded"]).includes("close to:"))).toEqual([
      true,
      true,
      false,
    ]);
    const atom = renderAtom(view);
    await validateAtom(atom);
    expect(atom.match(/close to: Benchmarking MXFP4/g)?.length).toBe(2);
  });

  it("JSON Feed: _arxiv.similarity and close_to, only on papers ranked by a profile", () => {
    const text = renderJsonFeed(view);
    validateJsonFeed(text);
    const items = (JSON.parse(text) as { items: { _arxiv: Record<string, unknown> }[] }).items;
    expect(items[0]?._arxiv.similarity).toBe(0.37);
    expect(items[0]?._arxiv.close_to).toEqual({
      id: "2601.09555",
      title: "Benchmarking $\\mathrm{MXFP4}$ Quantization of LLMs",
      similarity: 0.4234,
      voted: false,
    });
    expect("similarity" in (items[2]?._arxiv ?? {})).toBe(false);
    expect("close_to" in (items[2]?._arxiv ?? {})).toBe(false);
  });

  it("the API: structured, null without a profile", () => {
    expect(toApiPaper(ranked)).toMatchObject({ similarity: 0.37, closeTo });
    expect(toApiPaper(plain)).toMatchObject({ similarity: null, closeTo: null });
  });

  it("the digest: a **Close to**: line after the bot's fields, linking the liked paper", async () => {
    const digest = renderDigest({
      title: "t",
      updated: new Date("2026-01-29T15:00:00Z"),
      categories: ["cs.LG"],
      config: digestConfig,
      papers: [ranked, hostile, plain],
    });
    const lines = digest.split("\n").filter((line) => line.startsWith("**Close to**:"));
    expect(lines[0]).toBe(
      "**Close to**: [Benchmarking MXFP4 Quantization of LLMs](https://arxiv.org/abs/2601.09555) (similarity 0.42)  ",
    );
    expect(lines).toHaveLength(2);
    const html = await marked.parse(digest);
    expect(html).not.toContain("<script>");
    expect(
      html.match(/<strong>Close to<\/strong>: <a href="https:\/\/arxiv\.org\/abs\/2601\.09555">/g),
    ).toHaveLength(2);
  });
});
