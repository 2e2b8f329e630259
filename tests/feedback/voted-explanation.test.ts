import { marked } from "marked";
import { describe, expect, it } from "vitest";
import { toApiPaper } from "../../lib/api/to-api-paper.js";
import { ConfigSchema } from "../../lib/config/schema.js";
import { newProfileRecord, withVote } from "../../lib/feedback/profile-record.js";
import { markVotedCloseTo } from "../../lib/feedback/voted-close-to.js";
import type { RankedPaper } from "../../lib/model/snapshot.js";
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

/** A profile that liked VOTED_ID and disliked NAMED_ID (a dislike is never "liked"). */
const record = (() => {
  const fresh = newProfileRecord("lab", FIXTURE_NOW, "n".repeat(22));
  const liked = withVote(fresh, VOTED_ID, "like", FIXTURE_NOW).record;
  return withVote(liked, NAMED_ID, "dislike", FIXTURE_NOW).record;
})();
const marked3 = markVotedCloseTo(papers, { record });

describe("markVotedCloseTo", () => {
  it("marks only papers whose nearest liked paper is one of the profile's likes", () => {
    expect(marked3.map((paper) => paper.closeTo?.voted)).toEqual([true, undefined, undefined]);
    expect(marked3[0]?.closeTo).toEqual({ ...papers[0]?.closeTo, voted: true });
    expect(papers[0]?.closeTo?.voted).toBeUndefined();
  });

  it("changes nothing without a profile or without likes", () => {
    expect(markVotedCloseTo(papers, undefined)).toBe(papers);
    const dislikesOnly = withVote(
      newProfileRecord("lab", FIXTURE_NOW, "n".repeat(22)),
      VOTED_ID,
      "dislike",
      FIXTURE_NOW,
    );
    expect(markVotedCloseTo(papers, { record: dislikesOnly.record })).toEqual(papers);
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
