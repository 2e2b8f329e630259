import { readFileSync } from "node:fs";
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CategoriesResponse, HealthResponse } from "../../lib/api/schemas.js";
import { now } from "../../lib/clock.js";
import type { FeedSnapshot } from "../../lib/model/snapshot.js";
import type { Store } from "../../lib/store/types.js";
import { FIXTURE_NOW, FIXTURE_SATURDAY } from "../helpers/fixtures.js";
import { type OpenAiServer, startOpenAiServer } from "../helpers/openai-server.js";
import { CRON_SECRET, type Service, startService } from "../helpers/service.js";
import { assertStrictXml } from "../helpers/validate.js";
import { openApiValidator } from "../http/openapi-validator.js";
import { FEEDS, storeOf } from "../http/support.js";

/** OPML, the Markdown digest, health and the OpenAPI document, parsed back. */
let service: Service;
let llm: OpenAiServer;
let store: Store;
let openapi: {
  openapi: string;
  paths: Record<string, Record<string, { responses: object; parameters?: { name: string }[] }>>;
} & {
  components: { schemas: Record<string, unknown> };
};

beforeAll(async () => {
  llm = await startOpenAiServer();
  service = await startService({
    env: { DASHSCOPE_API_KEY: llm.apiKey, OPENAI_BASE_URL: llm.baseUrl, OPENAI_MODEL: "test-model" },
  });
  expect((await service.refresh()).status).toBe(200);
  store = storeOf(service);
  openapi = await (await service.get("/api/openapi.json")).json();
});
afterAll(async () => {
  await store?.close();
  await service?.stop();
  await llm?.stop();
});

describe("/feeds.opml", () => {
  it("is strict XML with one outline per feed, each pointing at a working feed", async () => {
    const response = await service.get("/feeds.opml");
    expect(response.headers.get("content-type")).toBe("text/x-opml; charset=utf-8");
    const xml = await response.text();
    assertStrictXml(xml);
    const opml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(xml).opml;
    expect(opml.version).toBe("2.0");
    const outlines = opml.body.outline as { type: string; text: string; xmlUrl: string; htmlUrl: string }[];
    expect(outlines).toHaveLength(FEEDS.length);
    expect(outlines.map((o) => o.xmlUrl)).toEqual(
      FEEDS.map((f) => `${service.url}${f === "all" ? "/rss" : `/rss/${f}`}`),
    );
    for (const outline of outlines) {
      expect(outline.type).toBe("rss");
      expect(outline.htmlUrl).toBe(`${service.url}/`);
      const feed = await service.get(outline.xmlUrl.slice(service.url.length));
      expect(feed.status).toBe(200);
      expect(feed.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
      // The outline is named as the feed names itself (and as /api/categories names it).
      const channel = new XMLParser().parse(await feed.text()).rss.channel as { title: string };
      expect(outline.text).toBe(channel.title);
    }
  });

  it("?format=atom lists the Atom documents; a bad format is a 400 naming it", async () => {
    const xml = await (await service.get("/feeds.opml?format=atom")).text();
    assertStrictXml(xml);
    expect(xml).toContain(`xmlUrl="${service.url}/atom/cs.LG"`);
    const bad = await service.get("/feeds.opml?format=csv");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { parameter: string } }).error.parameter).toBe("format");
  });
});

describe("/digest.md", () => {
  for (const [path, name] of [
    ["/digest.md", "all"],
    ["/digest.md?category=cs.LG", "cs.LG"],
  ] as const) {
    it(`${path} has the reference README's shape`, async () => {
      const response = await service.get(path);
      expect(response.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
      const markdown = await response.text();
      const feed = (await store.get<FeedSnapshot>(`feed:${name}`)) as FeedSnapshot;
      const lines = markdown.split("\n");
      expect(lines[0]).toMatch(/^# arxiv-feeds: /);
      expect(markdown).toContain("## 📊 Statistics");
      expect(markdown).toMatch(/- \*\*Last Updated\*\*: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
      expect(markdown).toContain(`- **Total Papers Found**: ${feed.papers.length}`);
      expect(markdown).toContain(
        `- **Categories Monitored**: ${name === "all" ? "cs.AI, cs.CL, cs.DC, cs.LG" : name}`,
      );
      expect(markdown).toContain("## 📚 Recent Papers");
      const headings = lines.filter((l) => /^### \d+\. \[/.test(l));
      expect(headings).toHaveLength(feed.papers.length);
      expect(headings[0]).toContain(`](https://arxiv.org/abs/${feed.papers[0]?.id})`);
      for (const field of ["Authors", "Category", "Published", "Score", "Type", "ArXiv ID"]) {
        expect(lines.filter((l) => l.startsWith(`**${field}**: `))).toHaveLength(feed.papers.length);
      }
      expect(markdown).toContain(`**Score**: ${feed.papers[0]?.score.toFixed(1)}  \n`);
      expect(markdown).toContain(`**ArXiv ID**: ${feed.papers[0]?.id}v${feed.papers[0]?.version}  \n`);
      for (const [index, line] of lines.entries()) {
        if (line === "#### Abstract") expect(lines[index + 1]?.length).toBeLessThanOrEqual(300 * 2);
      }
      const summarised = feed.papers.filter((p) => p.summary).length;
      expect(summarised).toBeGreaterThan(0);
      expect(markdown.match(/<summary><strong>🤖 AI Summary \(by test-model\)<\/strong>/g)).toHaveLength(
        summarised,
      );
      expect(markdown).toContain("## 🔧 Configuration");
      expect(markdown).toMatch(/\n- LLM, RL, .*, Quantization, /);
    });
  }

  it("an unknown category is a 404 listing the feeds", async () => {
    const response = await service.get("/digest.md?category=math.XX");
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { valid: string[] } }).error.valid).toEqual(FEEDS);
  });
});

describe("/api/health", () => {
  it("reports the last refresh per category, arXiv's build dates, the schedule, counts and LLM use", async () => {
    const health = (await (await service.get("/api/health")).json()) as HealthResponse;
    openApiValidator(openapi)("HealthResponse", health);
    expect(health.status).toBe("ok");
    expect(health.lastRefresh?.status).toBe("ok");
    expect(Date.parse(health.lastRefresh?.finishedAt ?? "")).toBeLessThanOrEqual(now());
    // The service's clock is on the fixtures' Thursday: Friday's feed is next.
    expect(health.nextAnnouncement).toBe("2026-01-30T05:00:00.000Z");
    expect(health.skipDay).toBe(false);
    expect(health.skipReason).toBe(null);
    expect(Object.keys(health.categories)).toEqual(FEEDS.slice(1));
    for (const report of Object.values(health.categories)) {
      expect(report.status).toBe("ok");
      expect(Number.isNaN(Date.parse(report.arxivBuiltAt ?? ""))).toBe(false);
    }
    const categories = (await (await service.get("/api/categories")).json()) as CategoriesResponse;
    expect(Object.keys(health.feeds)).toEqual(FEEDS);
    for (const feed of categories.feeds) expect(health.feeds[feed.name]?.count).toBe(feed.count);
    expect(health.feeds.all?.arxivBuiltAt).toBe(health.categories["cs.LG"]?.arxivBuiltAt);
    expect(health.summaries).toEqual({ enabled: true, model: "test-model", pending: 0 });
    expect(health.llm?.calls).toBe(llm.calls());
    expect(health.store).toBe("file");
    // /health is the same report with the reference bot's fields (its own status word).
    const reference = (await (await service.get("/health")).json()) as Record<string, unknown>;
    expect({ ...reference, status: health.status }).toMatchObject(
      health as unknown as Record<string, unknown>,
    );
    expect(reference.service_status).toBe(health.status);
  });

  it.each([
    ["on a weekday, no feed says there is no announcement", FIXTURE_NOW, false],
    ["on a Saturday, every feed says there is no announcement today", FIXTURE_SATURDAY, true],
  ])("agrees with the feeds: %s", async (_, at, weekend) => {
    service.setNow(at);
    try {
      const health = (await (await service.get("/api/health")).json()) as HealthResponse;
      expect(health.skipDay).toBe(weekend);
      for (const path of ["/rss/cs.LG", "/atom", "/rss?keywords=moe"]) {
        const xml = await (await service.get(path)).text();
        if (weekend) expect(xml, path).toContain("No announcement today (weekend)");
        else expect(xml, path).not.toContain("No announcement today");
      }
    } finally {
      service.setNow(FIXTURE_NOW);
    }
  });
});

describe("/api/openapi.json", () => {
  it("is an OpenAPI 3.1 document listing every route of vercel.json and every API function", () => {
    expect(openapi.openapi).toBe("3.1.0");
    const vercel = JSON.parse(readFileSync("vercel.json", "utf8")) as {
      rewrites: { source: string }[];
      crons: { path: string }[];
    };
    const routes = vercel.rewrites.map((r) =>
      r.source.replace(/:([A-Za-z_]+)(\([^)]*\))?/g, (_, name: string) => `{${name}}`),
    );
    const direct = [
      "/api/papers",
      "/api/categories",
      "/api/health",
      "/api/config",
      ...vercel.crons.map((c) => c.path.split("?")[0] ?? c.path),
    ];
    for (const path of [...routes, ...direct]) expect(Object.keys(openapi.paths), path).toContain(path);
  });

  it("every operation has responses, every $ref resolves, feeds document every filter parameter", () => {
    const text = JSON.stringify(openapi);
    for (const match of text.matchAll(/"\$ref":"#\/components\/(\w+)\/([\w-]+)"/g)) {
      const [, section = "", name = ""] = match;
      expect(
        (openapi.components as unknown as Record<string, Record<string, unknown>>)[section]?.[name],
        `${section}/${name}`,
      ).toBeDefined();
    }
    for (const [path, item] of Object.entries(openapi.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        expect(Object.keys(operation.responses).length, `${method} ${path}`).toBeGreaterThan(0);
      }
    }
    const feedParams = openapi.paths["/rss/{category}"]?.get?.parameters?.map((p) => p.name);
    expect(feedParams).toEqual([
      "category",
      "keywords",
      "exclude",
      "like",
      "dislike",
      "profile",
      "authors",
      "min_score",
      "limit",
      "cross_lists",
    ]);
    const apiParams = openapi.paths["/api/papers"]?.get?.parameters?.map((p) => p.name);
    expect(apiParams).toEqual([
      "category",
      "q",
      "author",
      "keywords",
      "exclude",
      "like",
      "dislike",
      "profile",
      "authors",
      "cross_lists",
      "min_score",
      "since",
      "limit",
      "cursor",
    ]);
  });

  it("every documented GET route answers on this server", async () => {
    const page = (await (await service.get("/api/papers?limit=1")).json()) as { papers: { id: string }[] };
    for (const [path, item] of Object.entries(openapi.paths)) {
      if (path.startsWith("/api/cron") || path === "/update-cache") continue;
      // Routes that need a secret or a signed link to answer 200 (the feedback pages) are tested with them.
      const get = item.get as
        | { security?: unknown; parameters?: { in: string; required: boolean }[] }
        | undefined;
      if (get?.security || get?.parameters?.some((p) => p.in === "query" && p.required)) continue;
      const concrete = path.replace("{category}", "cs.LG").replace("{id}", page.papers[0]?.id ?? "");
      const response = await service.get(concrete);
      expect(response.status, concrete).toBe(200);
      await response.arrayBuffer();
    }
  });
});

describe("/update-cache (the reference bot's manual refresh)", () => {
  it("is the cron endpoint: 401 naming the header without the secret, a refresh with it", async () => {
    const denied = await service.get("/update-cache");
    expect(denied.status).toBe(401);
    expect(await denied.text()).toContain("Authorization: Bearer <CRON_SECRET>");
    const done = await service.get("/update-cache", { headers: { authorization: `Bearer ${CRON_SECRET}` } });
    expect(done.status).toBe(200);
    const body = (await done.json()) as { status: string; refresh_status: string };
    expect(body.status).toBe("success");
    expect(body.refresh_status).toMatch(/ok|partial/);
  });
});
