import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LAG_REFETCHES } from "../../lib/arxiv/fetch-announcements.js";
import { loadSettings } from "../../lib/config/settings.js";
import type { FeedSnapshot } from "../../lib/model/snapshot.js";
import { runRefresh } from "../../lib/refresh/run-refresh.js";
import { feedKey } from "../../lib/store/keys.js";
import { createMemoryStore } from "../../lib/store/memory.js";
import { type ArxivServer, startArxivServer } from "../helpers/arxiv-server.js";
import { FIXTURE_NOW, readFixture } from "../helpers/fixtures.js";

const COMBINED = "/rss/cs.AI+cs.CL+cs.DC+cs.LG";
const FRIDAY = FIXTURE_NOW + 86_400_000;

/** A category's fixture as Friday 2026-01-30's announcement, with new ids. */
const friday = (category: string) =>
  readFixture("arxiv", "daily", `rss-${category}.xml`)
    .replaceAll("Thu, 29 Jan 2026", "Fri, 30 Jan 2026")
    .replace(/2601\.(\d{5})/g, "2602.$1");

let arxiv: ArxivServer;
beforeAll(async () => {
  arxiv = await startArxivServer();
});
afterAll(() => arxiv?.stop());

const store = createMemoryStore();
const settings = () =>
  loadSettings({
    ARXIV_BASE_URL: arxiv.url,
    ARXIV_MIN_INTERVAL_MS: "0",
    ARXIV_MAX_RETRIES: "0",
    CONFIG_PATH: "config.json",
  });
const refreshAt = (now: number) => runRefresh({ settings: settings(), store, now: () => now });
const feed = async (name: string) => (await store.get(feedKey(name))) as FeedSnapshot;
const ids = (snapshot: FeedSnapshot) => snapshot.papers.map((p) => p.id);

describe("a refresh where arXiv left cs.DC a day behind", () => {
  it("refetches cs.DC on its own, publishes the fresher categories, and keeps cs.DC's papers marked behind", async () => {
    await refreshAt(FIXTURE_NOW);
    const dcThursday = await feed("cs.DC");

    arxiv.reset();
    arxiv.setMode(COMBINED, "404");
    for (const c of ["cs.AI", "cs.CL", "cs.LG"]) arxiv.setBody(`/rss/${c}`, friday(c));
    const outcome = await refreshAt(FRIDAY);
    if (outcome.status !== "done") throw new Error(outcome.reason);

    expect(arxiv.requests()["/rss/cs.DC"]).toBe(1 + LAG_REFETCHES);
    expect(outcome.meta.arxivRequests).toBe(1 + 4 + LAG_REFETCHES);
    expect(outcome.meta.status).toBe("ok");
    expect(outcome.meta.categories["cs.DC"]?.behind).toEqual({ serves: "2026-01-29", current: "2026-01-30" });
    expect(outcome.meta.categories["cs.LG"]?.behind).toBeUndefined();

    const lg = await feed("cs.LG");
    expect(lg.announced).toBe("2026-01-30");
    expect(lg.behind).toBeUndefined();
    // The day arXiv still serves is the one already published: cs.DC's papers do not change.
    const dc = await feed("cs.DC");
    expect(ids(dc)).toEqual(ids(dcThursday));
    expect(dc.announced).toBe("2026-01-29");
    expect(dc.behind).toEqual([{ category: "cs.DC", serves: "2026-01-29", current: "2026-01-30" }]);
    expect((await feed("all")).behind).toEqual(dc.behind);
  });

  it("publishes normally when a refetch brings cs.DC current", async () => {
    arxiv.reset();
    arxiv.setMode(COMBINED, "404");
    for (const c of ["cs.AI", "cs.CL", "cs.DC", "cs.LG"]) arxiv.setBody(`/rss/${c}`, friday(c));
    arxiv.failNext("/rss/cs.DC", "yesterday", 1);
    const outcome = await refreshAt(FRIDAY + 3_600_000);
    if (outcome.status !== "done") throw new Error(outcome.reason);

    expect(arxiv.requests()["/rss/cs.DC"]).toBe(2);
    expect(outcome.meta.categories["cs.DC"]).toMatchObject({ announced: "2026-01-30" });
    expect(outcome.meta.categories["cs.DC"]?.behind).toBeUndefined();
    const dc = await feed("cs.DC");
    expect(dc.announced).toBe("2026-01-30");
    expect(dc.behind).toBeUndefined();
    expect((await feed("all")).behind).toBeUndefined();
  });
});
