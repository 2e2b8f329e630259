/*
 * The digest of a feedback profile (issue 15, what was left): `/digest.md?profile=<token>` ranks
 * as the profile's feeds do, each paper carries the same signed vote links as the feed items
 * (as Markdown links a renderer shows), the explanation says "you liked a similar paper" where
 * the nearest liked paper is a vote, and it is cached privately with an ETag keyed on the
 * profile. The whole service on loopback, votes cast through the vote page's form.
 */
import { marked } from "marked";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { now } from "../../lib/clock.js";
import { PROFILE_CACHE_CONTROL } from "../../lib/feedback/feed-profile.js";
import type { ProfileDocument } from "../../lib/feedback/profile-document.js";
import { profileKey } from "../../lib/feedback/profile-keys.js";
import { ProfileRecordSchema } from "../../lib/feedback/profile-record.js";
import { voteLinks } from "../../lib/feedback/vote-links.js";
import type { RankedPaper } from "../../lib/model/snapshot.js";
import type { Store } from "../../lib/store/types.js";
import type { Service } from "../helpers/service.js";
import { feedparse } from "../helpers/validate.js";
import { FEEDS } from "../http/support.js";
import {
  createProfileOver,
  exposed,
  FEEDBACK_SECRET,
  pathOf,
  postForm,
  startFeedbackService,
} from "./support.js";

let service: Service;
let store: Store;
let lab: ProfileDocument;
let other: ProfileDocument;
let window: RankedPaper[];
let seen: string[] = [];

async function get(path: string, init?: RequestInit) {
  const response = await service.get(path, init);
  seen.push(await exposed(response.clone()));
  return { status: response.status, text: await response.text(), headers: response.headers };
}

/** Casts `vote` on `id` for `doc`'s profile by pressing the vote page's button (a form POST). */
async function vote(doc: ProfileDocument, id: string, kind: "like" | "dislike"): Promise<void> {
  const link = voteLinks(service.url, doc.token, id, FEEDBACK_SECRET)[kind];
  const answer = await postForm(service, "/vote", Object.fromEntries(new URL(link).searchParams));
  expect(answer.status, await answer.text()).toBe(200);
}

/** Each paper of a digest: its id (from the heading's link), and its vote links as Markdown has them. */
function digestPapers(markdown: string): { id: string; more?: string; less?: string }[] {
  return markdown
    .split(/^### \d+\. /m)
    .slice(1)
    .map((section) => {
      const id = /\]\(https:\/\/arxiv\.org\/abs\/([^)]+)\)/.exec(section)?.[1] ?? "";
      const votes = /^\[More like this\]\(([^)]+)\) \| \[Less like this\]\(([^)]+)\)$/m.exec(section);
      return votes ? { id, more: votes[1], less: votes[2] } : { id };
    });
}

interface JsonItem {
  content_html: string;
  _arxiv: { id: string; close_to?: { id: string; voted: boolean } };
}

async function jsonItems(url: string): Promise<JsonItem[]> {
  const answer = await get(pathOf(url));
  expect(answer.status).toBe(200);
  return (JSON.parse(answer.text) as { items: JsonItem[] }).items;
}

/** An id arXiv's API (the fake) has no paper for. */
const UNKNOWN = "2601.99999";
const liked = () => window[3] as RankedPaper;
const disliked = () => window[40] as RankedPaper;

beforeAll(async () => {
  ({ service, store, window, seen } = await startFeedbackService());
  expect(window.length).toBeGreaterThan(50);
  lab = await createProfileOver(service, "lab-d");
  other = await createProfileOver(service, "lab-e");
  await vote(lab, liked().id, "like");
  await vote(lab, disliked().id, "dislike");
}, 60_000);

afterAll(async () => {
  vi.restoreAllMocks();
  await store?.close();
  await service?.stop();
});

describe("a profile's digest", () => {
  it("is offered beside each feed's RSS, Atom and JSON Feed, on the profile page too", async () => {
    expect(lab.feeds.map((feed) => feed.feed)).toEqual(FEEDS);
    for (const feed of lab.feeds) {
      const url = new URL(feed.digest);
      expect(url.pathname).toBe("/digest.md");
      expect(url.searchParams.get("profile")).toBe(lab.token);
      expect(url.searchParams.get("category")).toBe(feed.feed === "all" ? null : feed.feed);
    }
    const page = await get(pathOf(lab.page));
    for (const feed of lab.feeds) expect(page.text).toContain(`href="${feed.digest.replace(/&/g, "&amp;")}"`);
  });

  it("ranks each feed exactly as the profile's JSON Feed does", async () => {
    const plain = digestPapers((await get("/digest.md")).text).map((paper) => paper.id);
    for (const feed of lab.feeds) {
      const answer = await get(pathOf(feed.digest));
      expect(answer.status, feed.feed).toBe(200);
      expect(answer.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
      const ids = digestPapers(answer.text).map((paper) => paper.id);
      const items = await jsonItems(feed.json);
      expect(ids.length, feed.feed).toBeGreaterThan(0);
      expect(ids).toEqual(items.map((item) => item._arxiv.id));
      expect(answer.text).toContain(`**Total Papers Found**: ${items.length}`);
      if (feed.feed === "all") expect(ids).not.toEqual(plain);
    }
  });

  it("gives every paper the feed item's own signed vote links, which open the vote page", async () => {
    const [feed] = lab.feeds as [ProfileDocument["feeds"][number]];
    const markdown = (await get(pathOf(feed.digest))).text;
    const papers = digestPapers(markdown);
    const items = new Map((await jsonItems(feed.json)).map((item) => [item._arxiv.id, item.content_html]));
    for (const paper of papers) {
      const links = voteLinks(service.url, lab.token, paper.id, FEEDBACK_SECRET);
      expect(paper).toEqual({ id: paper.id, more: links.like, less: links.dislike });
      expect(items.get(paper.id)).toContain(`href="${links.like.replace(/&/g, "&amp;")}"`);
    }
    // A Markdown renderer shows them as links.
    const html = await marked.parse(markdown);
    expect(html.match(/<a href="[^"]+\/vote\?[^"]+">More like this<\/a>/g)).toHaveLength(papers.length);
    const page = await get(pathOf(papers[0]?.more ?? ""));
    expect(page.status).toBe(200);
    expect(page.text).toContain(`arXiv:${papers[0]?.id}`);
  });

  it('says "you liked a similar paper" where the nearest liked paper is a vote, in the digest, RSS and the API', async () => {
    const [feed] = lab.feeds as [ProfileDocument["feeds"][number]];
    const markdown = (await get(pathOf(feed.digest))).text;
    const field = new RegExp(
      `^\\*\\*You liked a similar paper\\*\\*: \\[.+\\]\\(https://arxiv\\.org/abs/${liked().id}\\) \\(similarity \\d\\.\\d\\d\\) {2}$`,
      "gm",
    );
    expect(markdown.match(field)?.length ?? 0).toBeGreaterThan(0);
    expect(markdown).not.toContain("**Close to**");
    const rss = await feedparse((await get(pathOf(feed.rss))).text);
    expect(rss.bozo).toBe(false);
    const explained = rss.entries.filter((entry) => entry.content.includes("you liked a similar paper: "));
    expect(explained.length).toBeGreaterThan(0);
    expect(rss.entries.some((entry) => entry.content.includes("close to: "))).toBe(false);
    const api = JSON.parse((await get(`/api/papers?profile=${lab.token}`)).text) as {
      papers: { closeTo: { id: string; voted: boolean } | null }[];
    };
    const near = api.papers.flatMap((paper) => paper.closeTo ?? []);
    expect(near.length).toBeGreaterThan(0);
    expect(near.every((closeTo) => closeTo.id === liked().id && closeTo.voted)).toBe(true);
  });

  it("keeps a named paper's wording when like= names one beside the votes", async () => {
    const named = window[7] as RankedPaper;
    const api = JSON.parse((await get(`/api/papers?profile=${lab.token}&like=${named.id}`)).text) as {
      papers: { closeTo: { id: string; voted: boolean } | null }[];
    };
    const near = api.papers.flatMap((paper) => paper.closeTo ?? []);
    expect(new Set(near.map((closeTo) => `${closeTo.id} ${closeTo.voted}`))).toEqual(
      new Set([`${named.id} false`, `${liked().id} true`]),
    );
  });
});

describe("caching a profile's digest", () => {
  it("is private, keyed on the profile, revalidates to a 304, and changes with a vote", async () => {
    const [feed] = lab.feeds as [ProfileDocument["feeds"][number]];
    const first = await get(pathOf(feed.digest));
    expect(first.headers.get("cache-control")).toBe(PROFILE_CACHE_CONTROL);
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"/);
    const plain = await get("/digest.md");
    expect(plain.headers.get("cache-control")).toMatch(/^public/);
    const others = await get(pathOf(other.feeds[0]?.digest ?? ""));
    expect(new Set([etag, plain.headers.get("etag"), others.headers.get("etag")]).size).toBe(3);

    const again = await service.get(pathOf(feed.digest), { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    await vote(lab, (window[20] as RankedPaper).id, "like");
    const after = await get(pathOf(feed.digest), { headers: { "if-none-match": etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);
  });
});

describe("refused profile digests", () => {
  it("an altered token is a 403, a malformed one a 400, both naming profile", async () => {
    const token = lab.token;
    const altered = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    const forged = await get(`/digest.md?profile=${altered}`);
    expect(forged.status).toBe(403);
    const malformed = await get("/digest.md?profile=not-a-token");
    expect(malformed.status).toBe(400);
    expect(malformed.text).toContain("profile");
  });
});

describe("a profile's votes the deployment cannot use yet", () => {
  it("are named under the digest's statistics, as the feed's description names them", async () => {
    const doc = await createProfileOver(service, "lab-f");
    const key = profileKey("lab-f");
    const record = ProfileRecordSchema.parse(await store.get(key));
    // A vote for a paper neither the window, the named: cache nor arXiv's API knows (the vote
    // page would have refused it; a vote outlives the papers it names).
    const at = new Date(now()).toISOString();
    await store.set(key, { ...record, votes: [{ id: UNKNOWN, vote: "like", at }] });
    const [feed] = doc.feeds as [ProfileDocument["feeds"][number]];
    const digest = await get(pathOf(feed.digest));
    expect(digest.status).toBe(200);
    const statistics = digest.text.indexOf("## 📚 Recent Papers");
    const notice = digest.text.indexOf(`> 1 named paper is not used yet: ${UNKNOWN}`);
    expect(notice).toBeGreaterThan(0);
    expect(notice).toBeLessThan(statistics);
    expect((await get(pathOf(feed.rss))).text).toContain(`1 named paper is not used yet: ${UNKNOWN}`);
    // The digests of profiles whose votes all resolve carry no such line.
    const [labFeed] = lab.feeds as [ProfileDocument["feeds"][number]];
    expect((await get(pathOf(labFeed.digest))).text).not.toContain("not used yet");
  });
});

describe("the plain digest", () => {
  it("has no vote links and no explanation from votes", async () => {
    const plain = await get("/digest.md?category=cs.LG");
    expect(plain.status).toBe(200);
    expect(plain.text).not.toContain("More like this");
    expect(plain.text).not.toContain("You liked a similar paper");
    expect(plain.text).not.toContain("profile=");
  });
});

describe("the secret", () => {
  it("appears in no response and no log line", () => {
    expect(seen.length).toBeGreaterThan(20);
    expect(seen.filter((text) => text.includes(FEEDBACK_SECRET))).toEqual([]);
  });
});
