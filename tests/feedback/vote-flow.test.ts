/*
 * The feedback loop over real HTTP, as a reader meets it: the whole service on loopback (file
 * store, one refresh from the loopback arXiv), a profile made through the management endpoint,
 * its vote links opened with GET and their buttons pressed in headless Chromium.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { now } from "../../lib/clock.js";
import type { ProfileDocument } from "../../lib/feedback/profile-document.js";
import { voteSignature } from "../../lib/feedback/token.js";
import { voteLinks } from "../../lib/feedback/vote-links.js";
import { PROFILE_VOTE_LIMIT } from "../../lib/feedback/vote-rules.js";
import type { RankedPaper } from "../../lib/model/snapshot.js";
import type { Store } from "../../lib/store/types.js";
import { launchChromium } from "../helpers/chromium.js";
import type { Service } from "../helpers/service.js";
import { FEEDS, storedPool } from "../http/support.js";
import {
  createProfileOver,
  exposed,
  FEEDBACK_SECRET,
  manage,
  postForm,
  startFeedbackService,
  storedProfile,
} from "./support.js";

let service: Service;
let store: Store;
let browser: Browser;
let papers: RankedPaper[];
let lab: ProfileDocument;
/** Everything the service showed anyone: response texts and its console output. */
let seen: string[] = [];

beforeAll(async () => {
  let window: RankedPaper[];
  ({ service, store, window, seen } = await startFeedbackService());
  papers = window.slice(0, 60);
  expect(papers.length).toBeGreaterThanOrEqual(50);
  browser = await launchChromium();
  lab = await createProfileOver(service, "lab-a");
});

afterAll(async () => {
  vi.restoreAllMocks();
  await browser?.close();
  await store?.close();
  await service?.stop();
});

/** GET or POST through the service, keeping what it exposed. */
async function call(
  path: string,
  init?: RequestInit,
): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await service.get(path, init);
  const text = await exposed(response.clone());
  seen.push(text);
  return { status: response.status, text: await response.text(), headers: response.headers };
}

const pathOf = (url: string) => url.slice(service.url.length);
const linkFields = (url: string) => Object.fromEntries(new URL(url).searchParams);
const votesOf = async (name: string) => (await storedProfile(store, name))?.votes ?? [];

async function press(page: Page, label: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: label }).click()]);
}

describe("creating a profile", () => {
  it("answers every feed's RSS, Atom and JSON URL carrying the profile's token", async () => {
    expect(lab.token).toMatch(/^lab-a\.[A-Za-z0-9_-]{43}$/);
    expect(lab.feeds.map((f) => f.feed)).toEqual(FEEDS);
    for (const feed of lab.feeds) {
      for (const url of [feed.rss, feed.atom, feed.json]) {
        expect(new URL(url).searchParams.get("profile")).toBe(lab.token);
        expect((await call(pathOf(url))).status, url).toBe(200);
      }
    }
    const stored = await storedProfile(store, "lab-a");
    expect(stored?.votes).toEqual([]);
    expect(JSON.stringify(lab)).not.toContain(stored?.nonce);
  });
});

describe("a vote link", () => {
  it("opened with GET names the paper, offers one button, and records nothing", async () => {
    const paper = papers[0] as RankedPaper;
    const links = voteLinks(service.url, lab.token, paper.id, FEEDBACK_SECRET);
    for (const url of [links.like, links.dislike]) {
      const page = await call(pathOf(url));
      expect(page.status).toBe(200);
      expect(page.text).toContain(`arXiv:${paper.id}`);
      expect(page.text.match(/<button/g)).toHaveLength(1);
      expect(page.text).toContain('method="post"');
      expect(page.headers.get("cache-control")).toBe("no-store");
      expect(page.headers.get("referrer-policy")).toBe("no-referrer");
      expect(page.headers.get("x-robots-tag")).toContain("noindex");
      const head = await service.get(pathOf(url), { method: "HEAD" });
      expect(head.status).toBe(200);
    }
    expect(await votesOf("lab-a")).toEqual([]);
  });

  it("records the vote when its button is pressed in Chromium; Undo removes it; a replayed undo changes nothing", async () => {
    const paper = papers[1] as RankedPaper;
    const { like } = voteLinks(service.url, lab.token, paper.id, FEEDBACK_SECRET);
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
    page.on("requestfailed", (r) => problems.push(`${r.url()} ${r.failure()?.errorText}`));
    await page.goto(like);
    await expect.poll(() => page.title()).toContain("More like this");
    expect(await votesOf("lab-a")).toEqual([]);

    await press(page, "More like this");
    expect(await page.locator('[role="status"]').textContent()).toContain("Recorded");
    expect((await votesOf("lab-a")).map(({ id, vote }) => ({ id, vote }))).toEqual([
      { id: paper.id, vote: "like" },
    ]);

    await press(page, "Undo");
    expect(await page.locator('[role="status"]').textContent()).toContain("Undone");
    expect(await votesOf("lab-a")).toEqual([]);

    const replay = await call("/vote", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ...linkFields(like), action: "undo" }).toString(),
    });
    expect(replay.status).toBe(200);
    expect(replay.text).toContain("Nothing to undo");
    expect(await votesOf("lab-a")).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("cast twice records one vote, with its first time; the other vote replaces it", async () => {
    const paper = papers[2] as RankedPaper;
    const links = voteLinks(service.url, lab.token, paper.id, FEEDBACK_SECRET);
    expect((await postForm(service, "/vote", linkFields(links.like))).status).toBe(200);
    const first = await votesOf("lab-a");
    const again = await postForm(service, "/vote", linkFields(links.like));
    expect(await again.text()).toContain("Already recorded");
    expect(await votesOf("lab-a")).toEqual(first);
    await postForm(service, "/vote", linkFields(links.dislike));
    const now = await votesOf("lab-a");
    expect(now.filter((v) => v.id === paper.id).map((v) => v.vote)).toEqual(["dislike"]);
    await postForm(service, "/vote", { ...linkFields(links.dislike), action: "undo" });
  });
});

describe("refused votes record nothing", () => {
  const attempts = (fields: Record<string, string>) => [
    () => call(`/vote?${new URLSearchParams(fields)}`),
    () =>
      call("/vote", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(fields).toString(),
      }),
  ];

  async function expectRefused(fields: Record<string, string>, status: number): Promise<void> {
    const before = await votesOf("lab-a");
    for (const attempt of attempts(fields)) {
      const answer = await attempt();
      expect(answer.status, JSON.stringify(fields)).toBe(status);
      expect(answer.headers.get("content-type")).toContain("text/html");
    }
    expect(await votesOf("lab-a")).toEqual(before);
    expect(await storedProfile(store, "lab-b")).toBeNull();
  }

  it("a forged or altered signature is a 403", async () => {
    const [a, b] = papers as [RankedPaper, RankedPaper];
    const fields = linkFields(voteLinks(service.url, lab.token, a.id, FEEDBACK_SECRET).like);
    const sig = fields.sig ?? "";
    const flipped = `${sig.slice(0, -1)}${sig.endsWith("A") ? "B" : "A"}`;
    await expectRefused({ ...fields, sig: flipped }, 403);
    await expectRefused({ ...fields, sig: "x".repeat(43) }, 403);
    await expectRefused({ ...fields, id: b.id }, 403);
    await expectRefused({ ...fields, vote: "dislike" }, 403);
    const otherSecret = voteSignature("another-deployment-secret-of-32-chars!", lab.token, a.id, "like");
    await expectRefused({ ...fields, sig: otherSecret }, 403);
  });

  it("a token for another profile is a 403", async () => {
    const other = await createProfileOver(service, "lab-b");
    const paper = papers[3] as RankedPaper;
    // lab-b's signed link with lab-a's token put in.
    const bFields = linkFields(voteLinks(service.url, other.token, paper.id, FEEDBACK_SECRET).like);
    await expectRefusedFor("lab-b", { ...bFields, profile: lab.token });
    // lab-a's MAC under lab-b's name, its vote link signed properly: the token itself is refused.
    const forged = `lab-b.${lab.token.split(".")[1]}`;
    await expectRefusedFor(
      "lab-b",
      linkFields(voteLinks(service.url, forged, paper.id, FEEDBACK_SECRET).like),
    );
    expect((await manage(service, "DELETE", "?name=lab-b")).status).toBe(200);
  });

  async function expectRefusedFor(name: string, fields: Record<string, string>): Promise<void> {
    const before = [await votesOf("lab-a"), await votesOf(name)];
    for (const attempt of attempts(fields)) expect((await attempt()).status).toBe(403);
    expect([await votesOf("lab-a"), await votesOf(name)]).toEqual(before);
  }

  it("a properly signed vote for a paper the deployment does not hold is a 404", async () => {
    const held = new Set((await storedPool(store, "all", 7)).map((p) => p.id));
    const missing = "2601.99999";
    expect(held.has(missing)).toBe(false);
    await expectRefused(linkFields(voteLinks(service.url, lab.token, missing, FEEDBACK_SECRET).like), 404);
  });

  it("a malformed link is a 400 naming the field; an oversized or non-form body a 413 or 415", async () => {
    const fields = linkFields(
      voteLinks(service.url, lab.token, (papers[0] as RankedPaper).id, FEEDBACK_SECRET).like,
    );
    for (const [name, value] of [
      ["id", "not-an-id"],
      ["vote", "love"],
      ["profile", "x".repeat(500)],
    ] as const) {
      const answer = await call(`/vote?${new URLSearchParams({ ...fields, [name]: value })}`);
      expect(answer.status, name).toBe(400);
      expect(answer.text).toContain(name);
    }
    const huge = await call("/vote", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ...fields, pad: "x".repeat(10_000) }).toString(),
    });
    expect(huge.status).toBe(413);
    const asJson = await call("/vote", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(asJson.status).toBe(415);
    const { sig: _, ...unsigned } = fields;
    expect((await call(`/vote?${new URLSearchParams(unsigned)}`)).text).toContain("sig is missing");
  });
});

describe("the profile page", () => {
  it("shows the likes and dislikes with titles and removes one by its button", async () => {
    const [liked, disliked] = [papers[4], papers[5]] as [RankedPaper, RankedPaper];
    await postForm(
      service,
      "/vote",
      linkFields(voteLinks(service.url, lab.token, liked.id, FEEDBACK_SECRET).like),
    );
    await postForm(
      service,
      "/vote",
      linkFields(voteLinks(service.url, lab.token, disliked.id, FEEDBACK_SECRET).dislike),
    );
    const shown = await call(pathOf(lab.page));
    expect(shown.status).toBe(200);
    expect(shown.headers.get("referrer-policy")).toBe("no-referrer");
    for (const feed of lab.feeds) expect(shown.text).toContain(feed.rss.replace(/&/g, "&amp;"));

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(lab.page);
    const likedItem = page.locator("li.paper", { hasText: liked.id });
    expect(await likedItem.textContent()).toMatch(/ liked \d{4}-\d\d-\d\d/);
    expect(await page.locator("li.paper", { hasText: disliked.id }).textContent()).toMatch(
      / disliked \d{4}-\d\d-\d\d/,
    );
    await Promise.all([page.waitForNavigation(), likedItem.getByRole("button", { name: "Remove" }).click()]);
    expect(await page.locator('[role="status"]').textContent()).toContain("Removed");
    expect((await votesOf("lab-a")).map((v) => v.id)).toEqual([disliked.id]);
    await context.close();

    const replay = await postForm(service, "/profile", { token: lab.token, id: liked.id, action: "remove" });
    expect(await replay.text()).toContain("Nothing to remove");
    expect((await votesOf("lab-a")).map((v) => v.id)).toEqual([disliked.id]);
  });

  it("refuses a token that is not the profile's (403) and a missing one (400)", async () => {
    const forged =
      `${lab.token.slice(0, -2)}AA` === lab.token
        ? `${lab.token.slice(0, -2)}BB`
        : `${lab.token.slice(0, -2)}AA`;
    expect((await call(`/profile?token=${forged}`)).status).toBe(403);
    expect((await call("/profile?token=nobody.abc")).status).toBe(400);
    expect((await call("/profile")).status).toBe(400);
    const post = await postForm(service, "/profile", { token: forged, id: (papers[5] as RankedPaper).id });
    expect(post.status).toBe(403);
    expect(await votesOf("lab-a")).toHaveLength(1);
  });
});

describe("concurrent votes on one profile", () => {
  it("keeps every one (the profile's lock serialises them)", async () => {
    // A whole rate-limit allowance at once, in windows of their own (the votes above spent some).
    service.setNow(now() + 2 * PROFILE_VOTE_LIMIT.windowSeconds * 1000);
    const batch = papers.slice(10, 10 + PROFILE_VOTE_LIMIT.requests);
    const before = (await votesOf("lab-a")).length;
    const answers = await Promise.all(
      batch.map((paper) =>
        postForm(
          service,
          "/vote",
          linkFields(voteLinks(service.url, lab.token, paper.id, FEEDBACK_SECRET).like),
        ),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(batch.map(() => 200));
    const votes = await votesOf("lab-a");
    expect(votes).toHaveLength(before + batch.length);
    expect(new Set(votes.map((v) => v.id))).toEqual(
      new Set([...batch.map((p) => p.id), (papers[5] as RankedPaper).id]),
    );
  });
});

describe("managing profiles", () => {
  it("needs the cron secret, validates names, lists, exports and deletes", async () => {
    expect((await call("/api/profiles")).status).toBe(401);
    const wrong = await call("/api/profiles", { headers: { authorization: "Bearer wrong" } });
    expect(wrong.status).toBe(401);
    const bad = await manage(service, "POST", "", { name: "Bad Name!" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("name");
    expect((await manage(service, "POST", "", { name: "lab-a" })).status).toBe(409);
    expect((await manage(service, "POST", "", ["lab-c"])).status).toBe(400);

    const list = (await (await manage(service, "GET")).json()) as {
      profiles: { name: string; likes: number; dislikes: number }[];
    };
    expect(list.profiles).toEqual([
      expect.objectContaining({ name: "lab-a", likes: PROFILE_VOTE_LIMIT.requests, dislikes: 1 }),
    ]);
    const exported = (await (await manage(service, "GET", "?name=lab-a")).json()) as ProfileDocument;
    expect(exported.token).toBe(lab.token);
    expect(exported.profile.votes).toEqual(await votesOf("lab-a"));
    expect((await manage(service, "GET", "?name=nobody")).status).toBe(404);
    expect((await manage(service, "DELETE", "?name=nobody")).status).toBe(404);
    expect((await manage(service, "PUT")).status).toBe(405);
  });

  it("deleting a profile ends its links; re-creating the name gives a new token", async () => {
    const like = voteLinks(service.url, lab.token, (papers[0] as RankedPaper).id, FEEDBACK_SECRET).like;
    expect((await manage(service, "DELETE", "?name=lab-a")).status).toBe(200);
    expect(await storedProfile(store, "lab-a")).toBeNull();
    expect((await call(pathOf(like))).status).toBe(403);
    expect((await call(pathOf(lab.page))).status).toBe(403);
    const again = await createProfileOver(service, "lab-a");
    expect(again.token).not.toBe(lab.token);
    expect((await call(pathOf(like))).status).toBe(403);
    expect((await postForm(service, "/vote", linkFields(like))).status).toBe(403);
    expect(await votesOf("lab-a")).toEqual([]);
    const list = (await (await manage(service, "GET")).json()) as { profiles: { name: string }[] };
    expect(list.profiles.map((p) => p.name)).toEqual(["lab-a"]);
  });
});

describe("the secret", () => {
  it("appears in no response (status, headers, body) and no log line", () => {
    expect(seen.length).toBeGreaterThan(50);
    const leaks = seen.filter((text) => text.includes(FEEDBACK_SECRET));
    expect(leaks).toEqual([]);
  });
});
