/**
 * Bodies rendered at refresh (lib/refresh/publish-bodies.ts) and served at read
 * (lib/http/read-published.ts): for every feed, format and first page, on every host and on
 * weekdays and weekends, the pre-rendered answer is the one rendering on demand gives, byte for
 * byte and header for header, from one store read.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Settings } from "../../lib/config/settings.js";
import { forgetBodies } from "../../lib/http/body-memo.js";
import { serveFeed } from "../../lib/http/serve-feed.js";
import { servePapers } from "../../lib/http/serve-papers.js";
import { feedNames } from "../../lib/model/feeds.js";
import type { FeedSnapshot } from "../../lib/model/snapshot.js";
import { renderedBodies } from "../../lib/refresh/publish-bodies.js";
import { runRefresh } from "../../lib/refresh/run-refresh.js";
import { feedKey } from "../../lib/store/keys.js";
import { createMemoryStore, type MemoryData } from "../../lib/store/memory.js";
import type { Store } from "../../lib/store/types.js";
import { type ArxivServer, startArxivServer } from "../helpers/arxiv-server.js";
import { FIXTURE_NOW, FIXTURE_SATURDAY } from "../helpers/fixtures.js";
import { testSettings } from "./read-test-deps.js";

const DAY = 86_400_000;
/** Thursday (the fixture day), Friday, Saturday, Sunday, and the Saturday after (another weekend notice). */
const TIMES = {
  thursday: FIXTURE_NOW,
  friday: FIXTURE_NOW + DAY,
  saturday: FIXTURE_SATURDAY,
  "sunday night": FIXTURE_SATURDAY + DAY + 12 * 3_600_000,
  "a week later": FIXTURE_SATURDAY + 7 * DAY,
};

let arxiv: ArxivServer;
/** The refresh's store: snapshots, pools and rendered bodies. */
let published: MemoryData;
let feeds: Map<string, FeedSnapshot>;

beforeAll(async () => {
  arxiv = await startArxivServer();
  const settings = deployment({});
  published = new Map();
  const outcome = await runRefresh({
    settings,
    store: createMemoryStore({ data: published }),
    now: () => FIXTURE_NOW,
  });
  expect(outcome.status).toBe("done");
  const store = createMemoryStore({ data: published });
  feeds = new Map();
  for (const name of feedNames(settings.config)) {
    const snapshot = await store.get<FeedSnapshot>(feedKey(name));
    if (snapshot) feeds.set(name, snapshot);
  }
});
afterAll(() => arxiv?.stop());

/** Settings of a deployment: the repository's config.json, the loopback arXiv, `env` on top. */
const deployment = (env: Record<string, string>): Settings =>
  testSettings(undefined, { ARXIV_BASE_URL: arxiv.url, ARXIV_MIN_INTERVAL_MS: "0", ...env });

/** A store holding `data`'s entries, less the rendered bodies (`rendered: false`), counting the keys read. */
function storeOf(data: MemoryData, rendered: boolean): { store: Store; reads: string[] } {
  const copy: MemoryData = new Map([...data].filter(([key]) => rendered || !key.startsWith("rendered:")));
  const inner = createMemoryStore({ data: copy });
  const reads: string[] = [];
  const store: Store = {
    ...inner,
    get: (key) => {
      reads.push(key);
      return inner.get(key);
    },
    getMany: (keys) => {
      reads.push(...keys);
      return inner.getMany(keys);
    },
  };
  return { store, reads };
}

/** The published store with the bodies `settings` renders (as that deployment's refresh would). */
async function renderedUnder(settings: Settings, snapshots = feeds): Promise<MemoryData> {
  const data: MemoryData = new Map(published);
  const store = createMemoryStore({ data });
  for (const [name, snapshot] of snapshots) await store.set(feedKey(name), snapshot);
  for (const [key, value] of Object.entries(await renderedBodies(settings, snapshots, FIXTURE_NOW)))
    await store.set(key, value);
  return data;
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

async function answer(response: Response): Promise<Answer> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  return { status: response.status, headers, body: Buffer.from(await response.arrayBuffer()) };
}

type Handler = typeof serveFeed;

/** The same request answered from the rendered body and by rendering; the first read only its body. */
async function bothWays(
  handler: Handler,
  data: MemoryData,
  settings: Settings,
  url: string,
  init: RequestInit,
  now: number,
) {
  const fast = storeOf(data, true);
  const slow = storeOf(data, false);
  // Each from a cold memo: both have the same ETag, and the memo would answer the second with the first's bytes.
  forgetBodies();
  const pre = await answer(
    await handler(new Request(url, init), { settings, store: fast.store, now: () => now }),
  );
  forgetBodies();
  const rendered = await answer(
    await handler(new Request(url, init), { settings, store: slow.store, now: () => now }),
  );
  return { pre, rendered, reads: fast.reads };
}

const FORMATS = ["rss", "atom", "json"] as const;

/** Hosts as requests name them, and the settings of the deployment answering them. */
const HOSTS: { label: string; env: Record<string, string>; url: string; headers?: Record<string, string> }[] =
  [
    { label: "localhost:3000", env: {}, url: "http://localhost:3000" },
    { label: "an IPv6 literal", env: {}, url: "http://[0:0:0:0:0:0:0:1]:8080" },
    {
      label: "PUBLIC_BASE_URL with a path",
      env: { PUBLIC_BASE_URL: "https://Feeds.Example.org/arxiv/" },
      url: "http://internal:3000",
    },
    {
      label: "a Vercel preview (forwarded host, mixed case)",
      env: { VERCEL: "1", VERCEL_ENV: "preview", VERCEL_URL: "arxiv-feeds-abc123.vercel.app" },
      url: "http://127.0.0.1",
      headers: { "x-forwarded-host": "Arxiv-Feeds-Git-Main.vercel.app", "x-forwarded-proto": "https" },
    },
    {
      label: "a trusted proxy naming the default port",
      env: { TRUST_PROXY: "1" },
      url: "http://127.0.0.1:3000",
      headers: { "x-forwarded-host": "feeds.example.org:443", "x-forwarded-proto": "https" },
    },
  ];

describe("pre-rendered feed bodies", () => {
  for (const host of HOSTS) {
    it(`equal rendering on demand for every feed and format on ${host.label}, every day of the week`, async () => {
      const settings = deployment(host.env);
      const data = await renderedUnder(settings);
      for (const name of feeds.keys()) {
        for (const format of FORMATS) {
          for (const [day, now] of Object.entries(TIMES)) {
            const url = `${host.url}/api/feed?format=${format}&category=${name}`;
            const { pre, rendered, reads } = await bothWays(
              serveFeed,
              data,
              settings,
              url,
              { headers: host.headers },
              now,
            );
            const what = `${name} ${format} ${day}`;
            expect(pre.status, what).toBe(200);
            expect(pre.body.equals(rendered.body), `${what}: body differs`).toBe(true);
            expect(pre.headers, what).toEqual(rendered.headers);
            expect(reads, what).toEqual([`rendered:${name}:${format}`]);
          }
        }
      }
    });
  }

  it("carry a lagging category's notice, with and without the weekend's", async () => {
    const settings = deployment({});
    const lagging = new Map(feeds);
    const all = feeds.get("all") as FeedSnapshot;
    lagging.set("all", {
      ...all,
      behind: [{ category: "cs.DC", serves: "2026-01-28", current: "2026-01-29" }],
    });
    const data = await renderedUnder(settings, lagging);
    for (const format of FORMATS) {
      for (const [day, now] of Object.entries(TIMES)) {
        const url = `http://localhost:3000/api/feed?format=${format}&category=all`;
        const { pre, rendered, reads } = await bothWays(serveFeed, data, settings, url, {}, now);
        expect(pre.body.equals(rendered.body), `${format} ${day}`).toBe(true);
        expect(pre.headers.etag, `${format} ${day}`).toBe(rendered.headers.etag);
        expect(reads).toEqual([`rendered:all:${format}`]);
        expect(pre.body.toString()).toContain("arXiv is behind for cs.DC");
      }
    }
  });

  it("answer 304 from the rendered body's head alone", async () => {
    const settings = deployment({});
    const data = await renderedUnder(settings);
    const url = "http://localhost:3000/api/feed?format=rss&category=cs.LG";
    const { pre } = await bothWays(serveFeed, data, settings, url, {}, FIXTURE_NOW);
    const again = await bothWays(
      serveFeed,
      data,
      settings,
      url,
      { headers: { "if-none-match": pre.headers.etag ?? "" } },
      FIXTURE_NOW,
    );
    expect(again.pre.status).toBe(304);
    expect(again.rendered.status).toBe(304);
    expect(again.pre.headers).toEqual(again.rendered.headers);
  });

  it("are not used, at the cost of a second read, under another configuration or deployment", async () => {
    const data = await renderedUnder(deployment({}));
    const url = "http://localhost:3000/api/feed?format=rss&category=cs.LG";
    const others: Record<string, string>[] = [
      { VERCEL_URL: "another-deployment.vercel.app" },
      { PUBLIC_BASE_URL: "https://elsewhere.example" },
    ];
    for (const env of others) {
      const settings = deployment(env);
      const { pre, rendered, reads } = await bothWays(serveFeed, data, settings, url, {}, FIXTURE_NOW);
      expect(pre.body.equals(rendered.body)).toBe(true);
      expect(reads).toEqual(["rendered:cs.LG:rss", "feed:cs.LG"]);
    }
  });

  it("leave filtered feeds and unusual origins to rendering, with one read", async () => {
    const settings = deployment({});
    const data = await renderedUnder(settings);
    const limited = await bothWays(
      serveFeed,
      data,
      settings,
      "http://localhost:3000/api/feed?format=rss&category=cs.LG&limit=5",
      {},
      FIXTURE_NOW,
    );
    expect(limited.pre.body.equals(limited.rendered.body)).toBe(true);
    expect(limited.reads).toEqual(["feed:cs.LG"]);
    const proxied = deployment({ PUBLIC_BASE_URL: "https://example.org/a%20b" });
    const odd = await bothWays(
      serveFeed,
      await renderedUnder(proxied),
      proxied,
      "http://localhost:3000/api/feed?format=atom&category=all",
      {},
      FIXTURE_NOW,
    );
    expect(odd.pre.body.equals(odd.rendered.body)).toBe(true);
    expect(odd.reads).toEqual(["feed:all"]);
  });

  it("a broken rendered value is only a missed shortcut: the snapshot renders", async () => {
    const settings = deployment({});
    const data = await renderedUnder(settings);
    data.set("rendered:cs.LG:rss", { json: "{broken", expiresAt: undefined });
    data.set("rendered:cs.LG:atom", { json: '{"shape":1}', expiresAt: undefined });
    for (const format of ["rss", "atom"]) {
      const url = `http://localhost:3000/api/feed?format=${format}&category=cs.LG`;
      const { pre, rendered, reads } = await bothWays(serveFeed, data, settings, url, {}, FIXTURE_NOW);
      expect(pre.status).toBe(200);
      expect(pre.body.equals(rendered.body)).toBe(true);
      expect(reads).toEqual([`rendered:cs.LG:${format}`, "feed:cs.LG"]);
    }
  });
});

describe("pre-rendered first pages of /api/papers", () => {
  it("equal rendering on demand for every feed, with and without category=", async () => {
    const settings = deployment({});
    const data = await renderedUnder(settings);
    for (const name of feeds.keys()) {
      const urls = [`http://localhost:3000/api/papers?category=${name}`];
      if (name === "all") urls.push("http://localhost:3000/api/papers");
      for (const url of urls) {
        const { pre, rendered, reads } = await bothWays(servePapers, data, settings, url, {}, FIXTURE_NOW);
        expect(pre.status, url).toBe(200);
        expect(pre.body.equals(rendered.body), `${url}: body differs`).toBe(true);
        expect(pre.headers, url).toEqual(rendered.headers);
        expect(reads, url).toEqual([`rendered:${name}:papers`]);
      }
    }
  });

  it("leave other pages to the snapshot, with one read", async () => {
    const settings = deployment({});
    const data = await renderedUnder(settings);
    for (const query of ["limit=5", "since=2026-01-01"]) {
      const url = `http://localhost:3000/api/papers?category=cs.LG&${query}`;
      const { pre, rendered, reads } = await bothWays(servePapers, data, settings, url, {}, FIXTURE_NOW);
      expect(pre.body.equals(rendered.body), url).toBe(true);
      expect(reads, url).toEqual(["feed:cs.LG"]);
    }
  });
});
