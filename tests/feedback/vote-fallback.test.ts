/*
 * A vote link for a paper that has left the stored window (issue 15, left out at stop 17): its
 * page falls back to the `named:` cache, then to the profile's own vote (which keeps the title),
 * instead of a 404; an id known nowhere is still a 404 that records nothing. In-process, over a
 * memory store whose window is empty, so every paper here is one the window does not hold.
 */
import { describe, expect, it } from "vitest";
import { profilePage } from "../../lib/feedback/profile-page.js";
import { newProfileRecord, VOTE_TITLE_CHARS, withVote } from "../../lib/feedback/profile-record.js";
import { readProfile } from "../../lib/feedback/profile-store.js";
import { writeNamedCache } from "../../lib/profile/named-cache.js";
import type { NamedPaper } from "../../lib/profile/named-paper.js";
import { namedPaperKey } from "../../lib/profile/profile-keys.js";
import { FIXTURE_NOW } from "../helpers/fixtures.js";
import { inProcessPages } from "./vote-support.js";

const cached: NamedPaper = {
  id: "2512.01234",
  version: 3,
  title: "Mixture-of-Experts   Routing\nat Scale",
  abstract: "We route tokens.",
  authors: ["Ada Lovelace", "Alan Turing"],
  categories: ["cs.LG"],
  announced: "2025-12-02",
};

const TTL = { paperTtlSeconds: 3600, triedTtlSeconds: 600 };

async function setup() {
  const pages = inProcessPages();
  const token = await pages.createProfile("lab");
  await writeNamedCache(pages.deps.store, { papers: [cached], tried: new Map() }, TTL);
  const votes = async (name = "lab") => (await readProfile(pages.deps.store, name))?.votes ?? [];
  return { pages, token, votes };
}

describe("a vote for a paper outside the stored window", () => {
  it("is named from the named: cache, says it left the window, and is recorded with its title", async () => {
    const { pages, token, votes } = await setup();
    const page = await pages.open(token, cached.id, "like");
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain("Mixture-of-Experts   Routing\nat Scale");
    expect(text).toContain("Ada Lovelace, Alan Turing");
    expect(text).toContain(`arXiv:${cached.id}v3`);
    expect(text).toContain("no longer among the feeds' stored days");
    expect(await votes()).toEqual([]);

    const done = await pages.press(token, cached.id, "like");
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("Recorded");
    expect(await votes()).toEqual([
      {
        id: cached.id,
        vote: "like",
        at: new Date(FIXTURE_NOW).toISOString(),
        title: "Mixture-of-Experts Routing at Scale",
      },
    ]);
  });

  it("is named by the profile's own vote once the cache has forgotten it: the page, undo, then a 404", async () => {
    const { pages, token, votes } = await setup();
    expect((await pages.press(token, cached.id, "dislike")).status).toBe(200);
    await pages.deps.store.publish({ [namedPaperKey(cached.id)]: null });
    expect(await pages.deps.store.get(namedPaperKey(cached.id))).toBeNull();

    const page = await pages.open(token, cached.id, "dislike");
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain("Mixture-of-Experts Routing at Scale");
    expect(text).toContain("disliked this paper already");
    const undo = await pages.press(token, cached.id, "dislike", "undo");
    expect(undo.status).toBe(200);
    expect(await undo.text()).toContain("Undone");
    expect(await votes()).toEqual([]);

    // Known nowhere now: the vote again is refused and records nothing.
    expect((await pages.press(token, cached.id, "dislike")).status).toBe(404);
    expect(await votes()).toEqual([]);
  });

  it("a paper id that exists nowhere is a 404 page for GET and POST that records nothing", async () => {
    const { pages, token, votes } = await setup();
    const other = await pages.createProfile("other");
    const nowhere = "2512.99999";
    // Another profile's vote on it does not make it known to this one.
    await pages.deps.store.set("profile:other", {
      ...(await readProfile(pages.deps.store, "other")),
      votes: [{ id: nowhere, vote: "like", at: new Date(FIXTURE_NOW).toISOString(), title: "Theirs" }],
    });
    for (const answer of [
      await pages.open(token, nowhere, "like"),
      await pages.press(token, nowhere, "like"),
    ]) {
      expect(answer.status).toBe(404);
      expect(answer.headers.get("content-type")).toContain("text/html");
      const text = await answer.text();
      expect(text).toContain(nowhere);
      expect(text).toContain("nothing was recorded");
      expect(text).not.toContain("Theirs");
    }
    expect(await votes()).toEqual([]);
    expect((await pages.open(other, nowhere, "like")).status).toBe(200);
  });
});

describe("the title a vote keeps", () => {
  it("is folded and cut at VOTE_TITLE_CHARS code points, never splitting a surrogate pair", () => {
    const base = newProfileRecord("lab", FIXTURE_NOW, "n".repeat(22));
    const long = `${"𝔸".repeat(VOTE_TITLE_CHARS - 1)}  ${"b".repeat(50)}`;
    const [vote] = withVote(base, "2601.00001", "like", FIXTURE_NOW, long).record.votes;
    expect([...(vote?.title ?? "")]).toHaveLength(VOTE_TITLE_CHARS + 1);
    expect(vote?.title?.endsWith("𝔸 …")).toBe(true);
    expect(withVote(base, "2601.00001", "like", FIXTURE_NOW).record.votes[0]).not.toHaveProperty("title");
  });

  it("names the paper on the profile page when the deployment no longer holds it", () => {
    let record = newProfileRecord("lab", FIXTURE_NOW, "n".repeat(22));
    record = withVote(record, cached.id, "like", FIXTURE_NOW, "Kept <Title>").record;
    record = withVote(record, "2601.00002", "like", FIXTURE_NOW).record;
    const body = profilePage({ record, token: "lab.x", papers: new Map(), feeds: [] }).html;
    expect(body).toContain("Kept &lt;Title&gt;</a>");
    expect(body).toContain("arXiv:2601.00002</a>");
  });
});
