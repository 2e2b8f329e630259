/*
 * Votes are rate-limited (issue 15, left out at stop 17): per profile (30 a minute) and per
 * client address (60 a minute, across profiles), through the deployment's rate limiter. Past
 * either, a 429 page with Retry-After that says so, and nothing is recorded. In-process, the
 * limiter's windows on the deps' clock, which the test moves.
 */
import { describe, expect, it } from "vitest";
import { feedbackPaths } from "../../lib/feedback/openapi-paths.js";
import { readProfile } from "../../lib/feedback/profile-store.js";
import { CLIENT_VOTE_LIMIT, PROFILE_VOTE_LIMIT } from "../../lib/feedback/vote-rules.js";
import { writeNamedCache } from "../../lib/profile/named-cache.js";
import type { NamedPaper } from "../../lib/profile/named-paper.js";
import { FIXTURE_NOW } from "../helpers/fixtures.js";
import { inProcessPages } from "./vote-support.js";

const paper = (n: number): NamedPaper => ({
  id: `2512.${String(10_000 + n)}`,
  version: 1,
  title: `Paper ${n}`,
  abstract: "An abstract.",
  authors: ["A. Author"],
  categories: ["cs.LG"],
  announced: "2025-12-01",
});
const papers = Array.from({ length: 80 }, (_, n) => paper(n));
const ids = papers.map((p) => p.id);
const MINUTE = 60_000;

/** Seconds until the window after the one holding `at` starts: what Retry-After says. */
const untilNextWindow = (at: number, rule = PROFILE_VOTE_LIMIT) =>
  Math.ceil(rule.windowSeconds - ((at / 1000) % rule.windowSeconds));

async function setup() {
  const pages = inProcessPages();
  await writeNamedCache(
    pages.deps.store,
    { papers, tried: new Map() },
    { paperTtlSeconds: 3600, triedTtlSeconds: 600 },
  );
  const lab = await pages.createProfile("lab");
  const votes = async (name = "lab") => (await readProfile(pages.deps.store, name))?.votes ?? [];
  return { pages, lab, votes };
}

describe("votes per profile", () => {
  it("past the limit a minute: a 429 page with Retry-After, nothing recorded; the next window admits again", async () => {
    const { pages, lab, votes } = await setup();
    const limit = PROFILE_VOTE_LIMIT.requests;
    expect(limit).toBe(30);
    // Votes and undos count alike: half of them vote, half undo.
    for (let n = 0; n < limit; n++) {
      const answer = await pages.press(lab, ids[n >> 1] as string, "like", n % 2 ? "undo" : "vote");
      expect(answer.status, `change ${n + 1}`).toBe(200);
    }
    expect(await votes()).toEqual([]);

    const refused = await pages.press(lab, ids[40] as string, "like");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe(String(untilNextWindow(FIXTURE_NOW)));
    expect(refused.headers.get("content-type")).toContain("text/html");
    const text = await refused.text();
    expect(text).toContain("Too many votes");
    expect(text).toContain(`at most ${limit} votes, undos and removals per 60 s`);
    expect(text).toContain("nothing was recorded");
    expect(await votes()).toEqual([]);

    // The page itself still opens (a GET casts nothing and is not counted).
    expect((await pages.open(lab, ids[40] as string, "like")).status).toBe(200);
    pages.advance(2 * MINUTE);
    expect((await pages.press(lab, ids[40] as string, "like")).status).toBe(200);
    expect((await votes()).map((v) => v.id)).toEqual([ids[40]]);
  });

  it("counts a profile page's removals too, and a forged token is a 403 that spends nothing", async () => {
    const { pages, lab, votes } = await setup();
    expect((await pages.press(lab, ids[0] as string, "like")).status).toBe(200);
    const forged = `${lab.slice(0, -2)}${lab.endsWith("AA") ? "BB" : "AA"}`;
    for (let n = 0; n < 40; n++) expect((await pages.remove(forged, ids[0] as string)).status).toBe(403);
    for (let n = 1; n < PROFILE_VOTE_LIMIT.requests; n++)
      expect((await pages.press(lab, ids[n] as string, "like")).status).toBe(200);
    const before = await votes();
    const removal = await pages.remove(lab, ids[0] as string);
    expect(removal.status).toBe(429);
    expect(await removal.text()).toContain("for profile lab");
    expect(await votes()).toEqual(before);
  });

  it("refuses past the limit after one store read: the paper is not looked up, even one known nowhere", async () => {
    const { pages, lab, votes } = await setup();
    for (let n = 0; n < PROFILE_VOTE_LIMIT.requests; n++)
      expect((await pages.press(lab, ids[n] as string, "like")).status).toBe(200);
    const store = pages.deps.store;
    const reads: string[] = [];
    pages.deps.store = {
      ...store,
      get: (key) => {
        reads.push(key);
        return store.get(key);
      },
      getMany: (keys) => {
        reads.push(keys.join(","));
        return store.getMany(keys);
      },
    };
    const before = await votes();
    reads.length = 0;
    // A signed link for a paper neither the window nor the cache holds: a 404 below the limit.
    const refused = await pages.press(lab, "2512.99999", "like");
    expect(refused.status).toBe(429);
    expect(reads).toEqual(["profile:lab"]);
    expect(await votes()).toEqual(before);
  });

  it("leaves other profiles their own allowance", async () => {
    const { pages, lab } = await setup();
    const other = await pages.createProfile("other");
    for (let n = 0; n < PROFILE_VOTE_LIMIT.requests; n++) await pages.press(lab, ids[n] as string, "like");
    expect((await pages.press(lab, ids[50] as string, "like")).status).toBe(429);
    expect((await pages.press(other, ids[50] as string, "like", "vote", "198.51.100.7")).status).toBe(200);
  });
});

describe("votes per client address", () => {
  it("past the limit a minute across profiles: a 429 saying so; another address is not held back", async () => {
    const { pages, votes } = await setup();
    const tokens = [
      await pages.createProfile("a"),
      await pages.createProfile("b"),
      await pages.createProfile("c"),
    ];
    const limit = CLIENT_VOTE_LIMIT.requests;
    expect(limit).toBeGreaterThan(PROFILE_VOTE_LIMIT.requests);
    for (let n = 0; n < limit; n++) {
      const answer = await pages.press(
        tokens[n % 3] as string,
        ids[n] as string,
        "like",
        "vote",
        "203.0.113.5",
      );
      expect(answer.status, `vote ${n + 1}`).toBe(200);
    }
    const refused = await pages.press(tokens[0] as string, ids[70] as string, "like", "vote", "203.0.113.5");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe(String(untilNextWindow(FIXTURE_NOW, CLIENT_VOTE_LIMIT)));
    expect(await refused.text()).toContain("from this address");
    expect((await votes("a")).map((v) => v.id)).not.toContain(ids[70]);
    // Profile a has 20 of its 30: from another address it may vote.
    expect(
      (await pages.press(tokens[0] as string, ids[70] as string, "like", "vote", "203.0.113.6")).status,
    ).toBe(200);
  });
});

describe("the limits as documented", () => {
  it("the OpenAPI 429s of POST /vote and /profile name both limits as they are", () => {
    const paths = feedbackPaths();
    for (const post of [paths["/vote"].post, paths["/profile"].post]) {
      const { description } = post.responses["429"];
      expect(description).toContain(`this profile (${PROFILE_VOTE_LIMIT.requests} per 60 s)`);
      expect(description).toContain(`this address (${CLIENT_VOTE_LIMIT.requests} per 60 s)`);
    }
  });
});
