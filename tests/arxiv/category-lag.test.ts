import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { lagOf } from "../../lib/arxiv/category-lag.js";
import { fetchAnnouncements, LAG_REFETCHES } from "../../lib/arxiv/fetch-announcements.js";
import type { FetchPolicy } from "../../lib/arxiv/fetch-feed.js";
import { type ArxivServer, dayEarlier, startArxivServer } from "../helpers/arxiv-server.js";
import { readFixture } from "../helpers/fixtures.js";

const CATEGORIES = ["cs.AI", "cs.CL", "cs.DC", "cs.LG"];
const COMBINED = "/rss/cs.AI+cs.CL+cs.DC+cs.LG";
const DC = "/rss/cs.DC";
let arxiv: ArxivServer;
let policy: FetchPolicy;

beforeAll(async () => {
  arxiv = await startArxivServer();
});
afterAll(() => arxiv?.stop());
beforeEach(() => {
  arxiv.reset();
  policy = { baseUrl: arxiv.url, timeoutMs: 1500, minIntervalMs: 0, maxRetries: 0, maxRetryAfterMs: 5000 };
});

/** The combined fixture as arXiv serves it when only cs.DC's items are yesterday's. */
const combinedWithDcBehind = () =>
  readFixture("arxiv", "daily", "rss-cs.AI+cs.CL+cs.DC+cs.LG.xml").replace(
    /<item>[\s\S]*?<\/item>/g,
    (item) => (item.includes("<category>cs.DC</category>") ? dayEarlier(item) : item),
  );

describe("a category that arXiv left behind", () => {
  it("is noticed in the combined feed by its items' dates and fetched again on its own", async () => {
    arxiv.setBody(COMBINED, combinedWithDcBehind());
    const result = await fetchAnnouncements(CATEGORIES, policy);
    expect(arxiv.log().map((r) => r.path)).toEqual([COMBINED, DC]);
    expect(result.requests).toBe(2);
    const dc = result.byCategory["cs.DC"];
    expect(dc).toMatchObject({ status: "ok", announced: "2026-01-29" });
    expect(dc && "behind" in dc && dc.behind).toBeFalsy();
  });

  it("is fetched again a bounded number of times, then kept as arXiv serves it, marked behind", async () => {
    arxiv.setMode(COMBINED, "404");
    arxiv.setMode(DC, "yesterday");
    const lines: string[] = [];
    const result = await fetchAnnouncements(CATEGORIES, policy, (line) => lines.push(line));
    expect(arxiv.requests()[DC]).toBe(1 + LAG_REFETCHES);
    expect(result.requests).toBe(1 + CATEGORIES.length + LAG_REFETCHES);
    expect(result.byCategory["cs.DC"]).toMatchObject({
      status: "ok",
      announced: "2026-01-28",
      behind: { serves: "2026-01-28", current: "2026-01-29" },
    });
    for (const category of ["cs.AI", "cs.CL", "cs.LG"]) {
      expect(result.byCategory[category]).toMatchObject({ status: "ok", announced: "2026-01-29" });
      expect(result.byCategory[category]).not.toHaveProperty("behind");
    }
    expect(lines.join("\n")).toContain("cs.DC is still behind (2026-01-28, not 2026-01-29)");
  });

  it("is refetched with the usual spacing", async () => {
    arxiv.setMode(COMBINED, "404");
    arxiv.setMode(DC, "yesterday");
    await fetchAnnouncements(["cs.DC", "cs.LG"], { ...policy, minIntervalMs: 300 });
    const times = arxiv.log().map((r) => r.at);
    expect(times).toHaveLength(3 + LAG_REFETCHES);
    // Arrival times at the server: allow for delivery jitter, far above the ~0 ms unspaced.
    for (let i = 1; i < times.length; i++)
      expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(250);
  });

  it("is published current when a refetch brings today's announcement", async () => {
    arxiv.setMode(COMBINED, "404");
    arxiv.failNext(DC, "yesterday", 1);
    const result = await fetchAnnouncements(CATEGORIES, policy);
    expect(arxiv.requests()[DC]).toBe(2);
    expect(result.byCategory["cs.DC"]).toMatchObject({ status: "ok", announced: "2026-01-29" });
    expect(result.byCategory["cs.DC"]).not.toHaveProperty("behind");
  });

  it("keeps the day it has when its refetches fail", async () => {
    arxiv.setMode(COMBINED, "404");
    arxiv.setMode(DC, "500");
    arxiv.failNext(DC, "yesterday", 1);
    const result = await fetchAnnouncements(["cs.DC", "cs.LG"], policy);
    expect(arxiv.requests()[DC]).toBe(1 + LAG_REFETCHES);
    expect(result.byCategory["cs.DC"]).toMatchObject({ status: "ok", behind: { serves: "2026-01-28" } });
  });
});

describe("lagOf", () => {
  const ok = (announced: string, builtAt: string) => ({ status: "ok" as const, announced, builtAt });
  const thu = ok("2026-01-29", "2026-01-29T05:00:02.000Z");

  it("finds an older announcement day", () => {
    const served = { "cs.DC": ok("2026-01-28", "2026-01-28T05:00:02.000Z"), "cs.LG": thu };
    expect(lagOf("cs.DC", served)).toEqual({ serves: "2026-01-28", current: "2026-01-29" });
    expect(lagOf("cs.LG", served)).toBeUndefined();
  });

  it("finds an older build of the same announcement day, not seconds of one night's builds", () => {
    expect(lagOf("cs.DC", { "cs.DC": ok("2026-01-29", "2026-01-28T05:00:02.000Z"), "cs.LG": thu })).toEqual({
      serves: "2026-01-28",
      current: "2026-01-29",
    });
    expect(
      lagOf("cs.DC", { "cs.DC": ok("2026-01-29", "2026-01-29T04:59:58.000Z"), "cs.LG": thu }),
    ).toBeUndefined();
  });

  it("has nothing to compare with alone, or beside failed and empty categories", () => {
    const dc = ok("2026-01-28", "2026-01-28T05:00:02.000Z");
    expect(lagOf("cs.DC", { "cs.DC": dc })).toBeUndefined();
    expect(
      lagOf("cs.DC", { "cs.DC": dc, "cs.LG": { status: "error" }, "cs.AI": { status: "empty" } }),
    ).toBeUndefined();
  });
});
