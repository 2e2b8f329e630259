import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFixture } from "../helpers/fixtures.js";
import { type Service, startService } from "../helpers/service.js";
import { assertStrictXml, feedparse, validateAtom, validateJsonFeed } from "../helpers/validate.js";
import { FEEDS } from "../http/support.js";

const paths = (name: string) =>
  name === "all"
    ? { rss: "/rss", atom: "/atom", json: "/feed.json" }
    : { rss: `/rss/${name}`, atom: `/atom/${name}`, json: `/feed/${name}.json` };

let service: Service;
let refreshBody: Record<string, unknown>;

beforeAll(async () => {
  service = await startService();
  const result = await service.refresh();
  expect(result.status).toBe(200);
  refreshBody = result.body;
});
afterAll(() => service?.stop());

describe("refresh from the fixture arXiv", () => {
  it("fetches all four categories in one combined request and publishes every feed", () => {
    expect(service.arxiv.requests()).toEqual({ "/rss/cs.AI+cs.CL+cs.DC+cs.LG": 1 });
    expect(refreshBody.status).toBe("ok");
    expect(refreshBody.published).toEqual(FEEDS);
    // Outside Vercel there is no CDN to purge, and the cron says so rather than pretending.
    expect(refreshBody.cdn).toEqual({
      status: "skipped",
      reason: expect.stringContaining("not running in a Vercel Function"),
    });
    const meta = refreshBody.meta as {
      categories: Record<string, { parsed: number; kept: number }>;
      feeds: Record<string, number>;
    };
    // Category sizes in the combined fixture: every paper listed under the category.
    for (const category of FEEDS.slice(1)) {
      const listed = (
        readFixture("arxiv", "daily", "rss-cs.AI+cs.CL+cs.DC+cs.LG.xml").match(
          new RegExp(`<category>${category.replace(".", "\\.")}</category>`, "g"),
        ) ?? []
      ).length;
      expect(meta.categories[category]?.parsed).toBe(listed);
      expect(meta.feeds[category]).toBeGreaterThan(0);
      expect(meta.feeds[category]).toBeLessThanOrEqual(30);
    }
  });

  it("refuses the cron endpoint without the secret", async () => {
    expect((await service.get("/api/cron/refresh")).status).toBe(401);
    const wrong = await service.get("/api/cron/refresh", { headers: { authorization: "Bearer nope" } });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain("test-cron-");
  });
});

describe("every feed URL, parsed back the way readers parse it", () => {
  for (const name of FEEDS) {
    it(`${name}: RSS 2.0 is strict XML, feedparser reads it without error, items carry dc:creator`, async () => {
      const response = await service.get(paths(name).rss);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
      const xml = await response.text();
      assertStrictXml(xml);
      const parsed = await feedparse(xml);
      expect(parsed.bozo).toBe(false);
      const json = (await (await service.get(`${paths(name).json}`)).json()) as { items: unknown[] };
      expect(parsed.entries.length).toBe(json.items.length);
      expect(parsed.entries.length).toBeGreaterThan(0);
      expect(xml).not.toMatch(/<author>/);
      expect(xml).toContain("<dc:creator>");
      const channel = new XMLParser().parse(xml).rss.channel;
      expect(channel.title).toContain(name === "all" ? "cs.AI, cs.CL, cs.DC, cs.LG" : name);
    });

    it(`${name}: Atom 1.0 validates against RFC 4287's RELAX NG schema`, async () => {
      const response = await service.get(paths(name).atom);
      expect(response.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
      const xml = await response.text();
      assertStrictXml(xml);
      await validateAtom(xml);
      const parsed = await feedparse(xml);
      expect(parsed.bozo).toBe(false);
      expect(parsed.entries.length).toBeGreaterThan(0);
    });

    it(`${name}: JSON Feed 1.1 validates against its schema`, async () => {
      const response = await service.get(paths(name).json);
      expect(response.headers.get("content-type")).toBe("application/feed+json; charset=utf-8");
      const text = await response.text();
      validateJsonFeed(text);
      const feed = JSON.parse(text) as { items: { id: string; _arxiv: { score: number } }[] };
      const scores = feed.items.map((item) => item._arxiv.score);
      // One announcement day: highest score first.
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
      expect(scores.every((s) => s >= 2.5)).toBe(true);
    });
  }

  it("the combined feed holds each paper once", async () => {
    const feed = (await (await service.get("/feed.json")).json()) as { items: { id: string }[] };
    expect(new Set(feed.items.map((i) => i.id)).size).toBe(feed.items.length);
  });

  it("unknown feeds are 404 and list the valid ones", async () => {
    const response = await service.get("/rss/cs.XX");
    expect(response.status).toBe(404);
    const body = (await response.json()) as { error: { message: string; valid: string[] } };
    expect(body.error.valid).toEqual(FEEDS);
    expect(body.error.message).toContain("cs.LG");
  });
});

describe("a failed or empty fetch never replaces good data", () => {
  const snapshotOfAllFeeds = async () =>
    Promise.all(
      FEEDS.map(async (name) => (await (await service.get(paths(name).json)).json()) as { items: unknown[] }),
    );

  for (const mode of ["500", "429", "reset", "timeout", "weekend", "html", "truncated"] as const) {
    it(`arXiv answering ${mode}: every feed keeps its papers and the run says what happened`, async () => {
      const before = await snapshotOfAllFeeds();
      service.arxiv.reset();
      service.arxiv.setMode("*", mode);
      const { status, body } = await service.refresh();
      // A weekend is normal (200); arXiv failing is an error for the cron log (502).
      expect(status).toBe(mode === "weekend" ? 200 : 502);
      expect(body.status).toBe(mode === "weekend" ? "no-announcement" : "failed");
      expect(body.published).toEqual([]);
      expect(await snapshotOfAllFeeds()).toEqual(before);
      const meta = body.meta as { categories: Record<string, { status: string; error?: string }> };
      expect(meta.categories["cs.LG"]?.status).toBe(mode === "weekend" ? "empty" : "error");
      if (mode === "429") expect(meta.categories["cs.LG"]?.error).toContain("429");
      // What health tells the user: the category and why.
      const health = (await (await service.get("/api/health")).json()) as {
        categories: Record<string, { status: string; error: string | null }>;
      };
      expect(health.categories["cs.LG"]?.status).toBe(mode === "weekend" ? "empty" : "error");
      if (mode !== "weekend") expect(health.categories["cs.LG"]?.error?.length).toBeGreaterThan(0);
      service.arxiv.reset();
    });
  }
});
