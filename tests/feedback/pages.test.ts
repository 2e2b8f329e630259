import { parseDocument } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { html, pageDocument } from "../../lib/feedback/html.js";
import { profilePage } from "../../lib/feedback/profile-page.js";
import { newProfileRecord, withVote } from "../../lib/feedback/profile-record.js";
import { voteDonePage, votePage } from "../../lib/feedback/vote-page.js";
import type { ShownPaper } from "../../lib/feedback/window-papers.js";
import { FIXTURE_NOW } from "../helpers/fixtures.js";

const HOSTILE = `<script>alert(1)</script>" onmouseover="x' &amp;`;
const paper: ShownPaper = {
  id: "2601.20273",
  version: 2,
  title: `Attention ${HOSTILE}`,
  authors: [`A. ${HOSTILE}`, "B. Author"],
  announced: "2026-01-29",
};
const fields = { profile: `lab.${"a".repeat(43)}`, id: paper.id, vote: "like" as const, sig: "s".repeat(43) };
const view = { name: "lab", paper, inWindow: true, fields, profileHref: `profile?token=${fields.profile}` };

/** Every element and attribute of a page, as a parser sees it. */
function parsed(text: string): { scripts: number; handlers: string[]; text: string; forms: number } {
  const document = parseDocument(text);
  let scripts = 0;
  let forms = 0;
  const handlers: string[] = [];
  const walk = (node: {
    type?: string;
    name?: string;
    attribs?: Record<string, string>;
    children?: unknown[];
  }) => {
    if (node.name === "script") scripts++;
    if (node.name === "form") forms++;
    for (const name of Object.keys(node.attribs ?? {})) if (name.startsWith("on")) handlers.push(name);
    for (const child of node.children ?? []) walk(child as typeof node);
  };
  walk(document as unknown as Parameters<typeof walk>[0]);
  return { scripts, handlers, forms, text };
}

describe("feedback pages", () => {
  it("escape every value: a hostile title or author name stays text", () => {
    for (const body of [
      votePage(view, undefined),
      voteDonePage(view, "recorded"),
      voteDonePage(view, "undone"),
    ]) {
      const page = parsed(pageDocument("Vote", body));
      expect(page.scripts).toBe(0);
      expect(page.handlers).toEqual([]);
      expect(page.forms).toBe(1);
      expect(page.text).toContain(
        "&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&quot;x&#39; &amp;amp;",
      );
    }
  });

  it("link the paper to arXiv by its id, never by a stored URL", () => {
    expect(votePage(view, undefined).html).toContain('href="https://arxiv.org/abs/2601.20273"');
  });

  it("the profile page escapes too, and names a paper it no longer holds by id", () => {
    let record = newProfileRecord("lab", FIXTURE_NOW, "n".repeat(22));
    record = withVote(record, paper.id, "like", FIXTURE_NOW).record;
    record = withVote(record, "hep-ex/0101001", "dislike", FIXTURE_NOW).record;
    const body = profilePage({
      record,
      token: fields.profile,
      papers: new Map([[paper.id, paper]]),
      feeds: [
        {
          feed: "all",
          rss: "https://x/rss?profile=a&b",
          atom: "https://x/atom",
          json: "https://x/feed.json",
          digest: "https://x/digest.md?profile=a",
        },
      ],
      notice: HOSTILE,
    });
    const page = parsed(pageDocument("Profile", body));
    expect(page.scripts).toBe(0);
    expect(page.handlers).toEqual([]);
    expect(page.forms).toBe(2);
    expect(page.text).toContain("arXiv:hep-ex/0101001");
    expect(page.text).toContain('href="https://x/rss?profile=a&amp;b"');
  });

  it("html`` escapes interpolations but not nested html``, and drops false, null and undefined", () => {
    expect(html`<p>${"<b>"}${html`<i>ok</i>`}${[1, "&"]}${false}${null}${undefined}</p>`.html).toBe(
      "<p>&lt;b&gt;<i>ok</i>1&amp;</p>",
    );
  });
});
