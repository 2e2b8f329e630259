/*
 * Read handlers answer from the deps they are given: two deployments (settings, store, clock)
 * side by side in one process, and the environment untouched.
 */
import { afterAll, describe, expect, it } from "vitest";
import { HealthResponseSchema, PapersResponseSchema } from "../../lib/api/schemas.js";
import { arxivFeedDate } from "../../lib/arxiv/schedule.js";
import { fixedClock } from "../../lib/clock.js";
import { ConfigError } from "../../lib/config/errors.js";
import type { ReadDeps } from "../../lib/http/read-deps.js";
import { route } from "../../lib/http/route.js";
import { serveFeed } from "../../lib/http/serve-feed.js";
import { serveHealth } from "../../lib/http/serve-health.js";
import { servePapers } from "../../lib/http/serve-papers.js";
import type { RefreshMeta } from "../../lib/model/refresh-meta.js";
import type { FeedSnapshot } from "../../lib/model/snapshot.js";
import { createMemoryStore } from "../../lib/store/memory.js";
import { FIXTURE_NOW, FIXTURE_SATURDAY } from "../helpers/fixtures.js";
import { makePaper } from "../rank/paper-factory.js";
import { repositoryConfig, testDeps, testSettings } from "./read-test-deps.js";

const envBefore = { ...process.env };
afterAll(() => expect(process.env).toEqual(envBefore));

const snapshot = (version: string, ids: string[]): FeedSnapshot => ({
  version,
  generatedAt: "2026-01-29T05:31:00.000Z",
  name: "cs.LG",
  announced: "2026-01-29",
  papers: ids.map((id) => ({ ...makePaper({ id }), score: 1, matches: [] })),
});

const meta = (version: string): RefreshMeta => ({
  version,
  startedAt: "2026-01-29T05:30:00.000Z",
  finishedAt: "2026-01-29T05:31:00.000Z",
  durationMs: 60_000,
  status: "ok",
  announced: "2026-01-29",
  categories: { "cs.LG": { status: "ok", url: "u", parsed: 1, kept: 1 } },
  feeds: { all: 1, "cs.LG": 1 },
  arxivRequests: 1,
  lastSuccessAt: "2026-01-29T05:31:00.000Z",
});

/** A deployment of its own: a site title, a memory store holding `ids` in cs.LG, a clock at `now`. */
async function deployment(title: string, ids: string[], now: number, refreshed: boolean): Promise<ReadDeps> {
  const store = createMemoryStore();
  await store.set("feed:cs.LG", snapshot(`v-${title}`, ids));
  if (refreshed) await store.set("meta:refresh", meta(`v-${title}`));
  const settings = testSettings({ ...repositoryConfig(), site_title: title });
  return testDeps({ settings, store, now: fixedClock(now) });
}

const alpha = await deployment("Alpha", ["2601.00001", "2601.00002"], FIXTURE_NOW, true);
const beta = await deployment("Beta", ["2601.00003"], FIXTURE_SATURDAY, false);

const get = (path: string) => new Request(`http://localhost${path}`);

describe("read handlers with their own deps", () => {
  it("a feed: each from its own store, titled by its own settings, its notice from its own clock", async () => {
    const path = "/api/feed?format=json&category=cs.LG";
    const [a, b] = await Promise.all([serveFeed(get(path), alpha), serveFeed(get(path), beta)]);
    const [feedA, feedB] = (await Promise.all([a.json(), b.json()])) as {
      title: string;
      description: string;
      items: { _arxiv: { id: string } }[];
    }[];
    expect(feedA?.items.map((item) => item._arxiv.id)).toEqual(["2601.00001", "2601.00002"]);
    expect(feedB?.items.map((item) => item._arxiv.id)).toEqual(["2601.00003"]);
    expect(feedA?.title).toMatch(/^Alpha: /);
    expect(feedB?.title).toMatch(/^Beta: /);
    expect(feedA?.description).not.toContain("(weekend)");
    expect(feedB?.description).toContain("(weekend)");
    expect(a.headers.get("etag")).not.toBe(b.headers.get("etag"));
  });

  it("/api/papers: each lists its own store's papers", async () => {
    const path = "/api/papers?category=cs.LG";
    const [a, b] = await Promise.all([servePapers(get(path), alpha), servePapers(get(path), beta)]);
    const pageA = PapersResponseSchema.parse(await a.json());
    const pageB = PapersResponseSchema.parse(await b.json());
    expect(pageA.papers.map((paper) => paper.id)).toEqual(["2601.00001", "2601.00002"]);
    expect(pageB.papers.map((paper) => paper.id)).toEqual(["2601.00003"]);
    expect([pageA.version, pageB.version]).toEqual(["v-Alpha", "v-Beta"]);
  });

  it("health: each its own run record and its own day of arXiv's week", async () => {
    const [a, b] = await Promise.all([
      serveHealth(get("/api/health"), alpha),
      serveHealth(get("/api/health"), beta),
    ]);
    const reportA = HealthResponseSchema.parse(await a.json());
    const reportB = HealthResponseSchema.parse(await b.json());
    expect(reportA.lastRefresh?.version).toBe("v-Alpha");
    expect(reportB.lastRefresh).toBeNull();
    expect(reportA.arxivFeedDate).toBe(arxivFeedDate(FIXTURE_NOW));
    expect(reportB.arxivFeedDate).toBe(arxivFeedDate(FIXTURE_SATURDAY));
    expect(reportA.arxivFeedDate).not.toBe(reportB.arxivFeedDate);
    expect([reportA.skipDay, reportB.skipDay]).toEqual([false, true]);
    expect(b.headers.get("cache-control")).toBe("no-store");
  });
});

describe("route() with its deps", () => {
  it("resolves them per request, and a failing resolver is a clean error response of that request", async () => {
    let calls = 0;
    const feeds = route(serveFeed, () => (++calls === 1 ? alpha : beta));
    const path = "/api/feed?format=json&category=cs.LG";
    const first = (await (await feeds.GET(get(path))).json()) as { title: string };
    const second = (await (await feeds.GET(get(path))).json()) as { title: string };
    expect([first.title, second.title].map((title) => title.split(":")[0])).toEqual(["Alpha", "Beta"]);

    const broken = route(serveFeed, () => {
      throw new ConfigError("config.json: not valid JSON at line 1, column 1 (unexpected x)");
    });
    const response = await broken.GET(get(path));
    expect(response.status).toBe(500);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain(
      "not valid JSON",
    );
  });
});
