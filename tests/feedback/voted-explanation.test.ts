import { marked } from "marked";
import { describe, expect, it } from "vitest";
import { toApiPaper } from "../../lib/api/to-api-paper.js";
import { ConfigSchema } from "../../lib/config/schema.js";
import type { RankedPaper } from "../../lib/model/snapshot.js";
import type { RankRules } from "../../lib/rank/rank-papers.js";
import { nearestOf, type ProfileText } from "../../lib/rank/similarity/profile-rank.js";
import { rankWithProfile } from "../../lib/rank/similarity/rank-with-profile.js";
import { renderAtom } from "../../lib/render/atom.js";
import { renderDigest } from "../../lib/render/digest.js";
import { whyMatchedText } from "../../lib/render/item-summary.js";
import { renderJsonFeed } from "../../lib/render/json-feed.js";
import { renderRss } from "../../lib/render/rss.js";
import { FIXTURE_NOW } from "../helpers/fixtures.js";
import { assertStrictXml, validateAtom, validateJsonFeed } from "../helpers/validate.js";
import { makePaper, makeView } from "../render/papers.js";
import { parseRss } from "../render/parse-feed.js";

/*
 * "you liked a similar paper": where the liked paper an item is closest to is the reader's own
 * vote, every format says so; a paper named by like= or config.json keeps "close to".
 */
const VOTED_ID = "2601.09555";
const NAMED_ID = "2601.01234";
const near = (id: string, title: string, similarity: number) => ({ id, title, similarity });
const unmatched = { score: 5, matches: [] };

const papers: RankedPaper[] = [
  makePaper({
    ...unmatched,
    id: "2601.20001",
    closeTo: near(VOTED_ID, "Benchmarking $\\mathrm{MXFP4}$ Quantization", 0.42),
  }),
  makePaper({ ...unmatched, id: "2601.20002", closeTo: near(NAMED_ID, "A Paper Named by like=", 0.31) }),
  makePaper({ id: "2601.20003" }),
];

/** The papers as a profile feed ranks them: the first one's nearest liked paper is a vote. */
const marked3: RankedPaper[] = papers.map((paper, index) =>
  index === 0 && paper.closeTo ? { ...paper, closeTo: { ...paper.closeTo, voted: true } } : paper,
);

describe("a liked example that is one of the reader's votes", () => {
  const liked = (id: string, title: string, abstract: string, voted?: boolean) => ({
    ...makePaper({ id, title, abstract }),
    ...(voted && { voted }),
  });
  const votedLike = liked(
    VOTED_ID,
    "Benchmarking MXFP4 quantization",
    "MXFP4 quantization of LLM weights.",
    true,
  );
  const namedLike = liked(NAMED_ID, "Graph networks for molecules", "Molecular graph neural networks.");
  const candidates = [
    makePaper({
      id: "2601.20011",
      title: "MXFP4 quantization at scale",
      abstract: "Quantization of LLM weights.",
    }),
    makePaper({
      id: "2601.20012",
      title: "Molecules as graphs",
      abstract: "Graph neural networks for molecular data.",
    }),
  ];
  const rules: RankRules = {
    keywords: [],
    exclude: [],
    mode: "word",
    minScore: 0,
    maxPapers: 10,
    dedupe: [],
  };
  const nearest = (likes: ProfileText[]) =>
    new Map(
      rankWithProfile(candidates, rules, { likes, dislikes: [] }).map((paper) => [paper.id, paper.closeTo]),
    );

  it("marks only the papers whose nearest liked paper is a vote", () => {
    expect(nearest([votedLike, namedLike])).toEqual(
      new Map([
        ["2601.20011", expect.objectContaining({ id: VOTED_ID, voted: true })],
        ["2601.20012", expect.not.objectContaining({ voted: true })],
      ]),
    );
    expect(nearestOf(votedLike, 0.4)).toEqual({
      id: VOTED_ID,
      title: votedLike.title,
      similarity: 0.4,
      voted: true,
    });
  });

  it("marks nothing when no liked example is a vote", () => {
    const closeTo = [...nearest([{ ...votedLike, voted: false }, namedLike]).values()];
    expect(closeTo).toHaveLength(2);
    expect(closeTo.every((near) => near !== undefined && !("voted" in near))).toBe(true);
  });
});

describe("the explanation of a paper close to a voted one", () => {
  it("says you liked a similar paper, and keeps close to for a named one", () => {
    expect(whyMatchedText(marked3[0] as RankedPaper)).toBe(
      "Score 5.0 · you liked a similar paper: Benchmarking MXFP4 Quantization (similarity 0.42)",
    );
    expect(whyMatchedText(marked3[1] as RankedPaper)).toBe(
      "Score 5.0 · close to: A Paper Named by like= (similarity 0.31)",
    );
  });

  it("in RSS and Atom (valid), each item its own wording", async () => {
    const view = makeView(marked3);
    const rss = renderRss(view);
    assertStrictXml(rss);
    const contents = (parseRss(rss).item ?? []).map((item) => JSON.stringify(item["content:encoded"]));
    expect(contents.map((text) => text.includes("you liked a similar paper: Benchmarking"))).toEqual([
      true,
      false,
      false,
    ]);
    expect(contents.map((text) => text.includes("close to: A Paper Named"))).toEqual([false, true, false]);
    const atom = renderAtom(view);
    await validateAtom(atom);
    // The summary and the content of the first entry.
    expect(atom.match(/you liked a similar paper: Benchmarking/g)).toHaveLength(2);
  });

  it("in JSON Feed and the API: voted true, false for a named paper", () => {
    const text = renderJsonFeed(makeView(marked3));
    validateJsonFeed(text);
    const items = (JSON.parse(text) as { items: { _arxiv: { close_to?: { voted: boolean } } }[] }).items;
    expect(items.map((item) => item._arxiv.close_to?.voted)).toEqual([true, false, undefined]);
    expect(marked3.map((paper) => toApiPaper(paper).closeTo?.voted ?? null)).toEqual([true, false, null]);
  });

  it("in the digest: a **You liked a similar paper** field linking the liked paper", async () => {
    const digest = renderDigest({
      title: "t",
      updated: new Date(FIXTURE_NOW),
      categories: ["cs.LG"],
      config: ConfigSchema.parse({ categories: ["cs.LG"], keywords: ["quantization"] }),
      papers: marked3,
    });
    const voted = digest.split("\n").filter((line) => line.startsWith("**You liked a similar paper**:"));
    expect(voted).toEqual([
      `**You liked a similar paper**: [Benchmarking MXFP4 Quantization](https://arxiv.org/abs/${VOTED_ID}) (similarity 0.42)  `,
    ]);
    expect(digest.split("\n").filter((line) => line.startsWith("**Close to**:"))).toHaveLength(1);
    const rendered = await marked.parse(digest);
    expect(rendered).toContain(
      `<strong>You liked a similar paper</strong>: <a href="https://arxiv.org/abs/${VOTED_ID}">`,
    );
  });
});
