import { readFileSync } from "node:fs";
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PapersResponse } from "../../lib/api/schemas.js";
import { type Config, ConfigSchema } from "../../lib/config/schema.js";
import type { RankedPaper } from "../../lib/model/snapshot.js";
import { rankPapers } from "../../lib/rank/rank-papers.js";
import { texText } from "../../lib/render/tex-text.js";
import type { Store } from "../../lib/store/types.js";
import { type OpenAiServer, startOpenAiServer } from "../helpers/openai-server.js";
import { type Service, startService } from "../helpers/service.js";
import { assertStrictXml, feedparse, validateAtom, validateJsonFeed } from "../helpers/validate.js";
import { storedPool, storeOf } from "../http/support.js";

/**
 * Personal feeds by URL: every feed URL takes filters and answers with the feed's stored pool
 * re-ranked by them, equal to ranking the stored papers in the test, with no call to arXiv or
 * the LLM. The refresh runs with summaries (a loopback LLM), so summaries must come through.
 */
let service: Service;
let llm: OpenAiServer;
let store: Store;
const config: Config = ConfigSchema.parse(JSON.parse(readFileSync("config.json", "utf8")));

interface Filter {
  keywords?: string[];
  exclude?: string[];
  authors?: string[];
  minScore?: number;
  limit?: number;
}

const fold = (text: string) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();

/** The personal feed as the issue defines it, computed here from the stored pool. */
function expected(pool: readonly RankedPaper[], filter: Filter): RankedPaper[] {
  const candidates = filter.authors
    ? pool.filter((p) =>
        p.authors.some((a) => filter.authors?.some((wanted) => fold(a).includes(fold(wanted)))),
      )
    : pool;
  return rankPapers(candidates, {
    keywords: filter.keywords ?? config.keywords,
    exclude: [...config.exclude_keywords, ...(filter.exclude ?? [])],
    mode: "word",
    minScore: filter.minScore ?? (filter.keywords ? 0 : config.min_score),
    maxPapers: filter.limit ?? config.feed_max_papers,
    dedupe: config.deduplication_methods,
  });
}

/** Whether a pool paper is in feed `name` only as a cross-list. */
const isCross = (paper: RankedPaper, name: string) =>
  paper.announceType === "cross" || (name !== "all" && paper.primaryCategory !== name);

/** The stored pool of a feed: every candidate, cross-lists included. */
const fullPool = async (name: string) => {
  const papers = await storedPool(store, name, config.days_back);
  if (papers.length === 0) throw new Error(`no pool of ${name} stored`);
  return papers;
};

/** What a personal filter ranks by default here (include_cross_lists is false): no cross-lists. */
const pool = async (name: string) => (await fullPool(name)).filter((paper) => !isCross(paper, name));

interface JsonFeedItem {
  title: string;
  _arxiv: { id: string; score: number; summary_model?: string };
}
const jsonFeed = async (path: string) => {
  const response = await service.get(path);
  expect(response.status, path).toBe(200);
  const text = await response.text();
  validateJsonFeed(text);
  return JSON.parse(text) as { title: string; description: string; feed_url: string; items: JsonFeedItem[] };
};

beforeAll(async () => {
  llm = await startOpenAiServer();
  service = await startService({
    env: { DASHSCOPE_API_KEY: llm.apiKey, OPENAI_BASE_URL: llm.baseUrl, OPENAI_MODEL: "test-model" },
  });
  expect((await service.refresh()).status).toBe(200);
  expect(llm.calls()).toBeGreaterThan(0);
  store = storeOf(service);
});
afterAll(async () => {
  await store?.close();
  await service?.stop();
  await llm?.stop();
});

const CASES: { feed: string; query: string; filter: Filter }[] = [
  {
    feed: "cs.LG",
    query: "keywords=moe,speculative+decoding&min_score=3",
    filter: { keywords: ["moe", "speculative decoding"], minScore: 3 },
  },
  {
    feed: "cs.LG",
    query: "keywords=inference,quantization,sparse",
    filter: { keywords: ["inference", "quantization", "sparse"] },
  },
  { feed: "all", query: "exclude=language,agent", filter: { exclude: ["language", "agent"] } },
  { feed: "cs.CL", query: "min_score=5", filter: { minScore: 5 } },
  {
    feed: "all",
    query: "keywords=transformer,attention&limit=5",
    filter: { keywords: ["transformer", "attention"], limit: 5 },
  },
  {
    feed: "cs.DC",
    query: "keywords=GPU&exclude=survey&min_score=1.5",
    filter: { keywords: ["GPU"], exclude: ["survey"], minScore: 1.5 },
  },
];

const jsonPath = (feed: string) => (feed === "all" ? "/feed.json" : `/feed/${feed}.json`);

describe("personal feeds equal ranking the stored pool with the same parameters", () => {
  for (const { feed, query, filter } of CASES) {
    it(`${jsonPath(feed)}?${query}`, async () => {
      const want = expected(await pool(feed), filter);
      const got = await jsonFeed(`${jsonPath(feed)}?${query}`);
      expect(got.items.map((i) => i._arxiv.id)).toEqual(want.map((p) => p.id));
      expect(got.items.map((i) => i._arxiv.score)).toEqual(want.map((p) => p.score));
      // Summaries come from the store.
      expect(got.items.map((i) => i._arxiv.summary_model ?? null)).toEqual(
        want.map((p) => p.summary?.model ?? null),
      );
    });
  }

  it("the cases are not vacuous: most return papers, some carry summaries", async () => {
    let nonEmpty = 0;
    let summarised = 0;
    for (const { feed, filter } of CASES) {
      const want = expected(await pool(feed), filter);
      if (want.length) nonEmpty++;
      summarised += want.filter((p) => p.summary).length;
    }
    expect(nonEmpty).toBeGreaterThanOrEqual(CASES.length - 1);
    expect(summarised).toBeGreaterThan(0);
  });

  it("authors keeps papers by an author (case and accents ignored), then ranks", async () => {
    const papers = await pool("all");
    const name = expected(papers, {})[0]?.authors[0] ?? "";
    const surname = name.split(" ").at(-1)?.toUpperCase() ?? "";
    const want = expected(papers, { authors: [surname] });
    expect(want.length).toBeGreaterThan(0);
    const got = await jsonFeed(`/feed.json?authors=${encodeURIComponent(surname)}`);
    expect(got.items.map((i) => i._arxiv.id)).toEqual(want.map((p) => p.id));
  });

  it("the JSON API with a personal feed's filters lists that feed's papers, in order", async () => {
    const surname = (expected(await pool("all"), {})[0]?.authors[0] ?? "").split(" ").at(-1) ?? "";
    const queries = [
      ...CASES.map(({ feed, query }) => ({ feed, query })),
      { feed: "all", query: `authors=${encodeURIComponent(surname)}` },
      { feed: "cs.LG", query: "keywords=learning&cross_lists=1" },
      { feed: "cs.LG", query: "keywords=learning&cross_lists=0&authors=a" },
    ];
    for (const { feed, query } of queries) {
      const limited = /limit=/.test(query) ? query : `${query}&limit=200`;
      const items = (await jsonFeed(`${jsonPath(feed)}?${limited}`)).items.map((i) => i._arxiv.id);
      const response = await service.get(`/api/papers?category=${feed}&${limited}`);
      expect(response.status, query).toBe(200);
      const page = (await response.json()) as PapersResponse;
      expect(
        page.papers.map((p) => p.id),
        query,
      ).toEqual(items);
      expect(page.source, query).toBe("pool");
    }
  });

  it("the JSON API gives each summary as structured fields and as plain text, with its model", async () => {
    const page = (await (await service.get("/api/papers?limit=200")).json()) as PapersResponse;
    const summarised = page.papers.filter((p) => p.summary !== null);
    expect(summarised.length).toBeGreaterThan(0);
    for (const paper of summarised) {
      expect(paper.summaryModel).toBe("test-model");
      expect(paper.summary?.model).toBe("test-model");
      expect(paper.summary?.tldr.length).toBeGreaterThan(0);
      expect(paper.summary?.sections.length).toBeGreaterThan(0);
      for (const section of paper.summary?.sections ?? []) expect(section.text.length).toBeGreaterThan(0);
      expect(paper.summary?.text).toContain(paper.summary?.tldr ?? "");
      expect(paper.summary?.text).not.toMatch(/<[a-z]/i);
      expect(paper.summary?.html).toMatch(/^<(h4|p)/);
    }
    expect(page.papers.filter((p) => p.summary === null).every((p) => p.summaryModel === null)).toBe(true);
  });

  it("limit alone shortens the published feed without re-ranking it", async () => {
    const full = await jsonFeed("/feed/cs.AI.json");
    const short = await jsonFeed("/feed/cs.AI.json?limit=4");
    expect(short.items.map((i) => i._arxiv.id)).toEqual(full.items.slice(0, 4).map((i) => i._arxiv.id));
  });
});

describe("personal feeds in every format", () => {
  const query = "keywords=inference,quantization&exclude=survey&min_score=1";
  it("RSS: strict XML, feedparser reads it, the channel title says what the filter is", async () => {
    const want = expected(await pool("cs.LG"), {
      keywords: ["inference", "quantization"],
      exclude: ["survey"],
      minScore: 1,
    });
    const response = await service.get(`/rss/cs.LG?${query}`);
    expect(response.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
    const xml = await response.text();
    assertStrictXml(xml);
    const parsed = await feedparse(xml);
    expect(parsed.bozo).toBe(false);
    expect(parsed.entries.map((e) => e.title)).toEqual(want.map((p) => texText(p.title)));
    expect(parsed.feed.title).toBe(
      "arxiv-feeds: cs.LG (keywords inference, quantization; excluding survey; min score 1)",
    );
    const channel = new XMLParser({ ignoreAttributes: false }).parse(xml).rss.channel;
    expect(channel.description).toContain("Personal feed");
    // The self link is the personal feed's own URL, in canonical form.
    expect(xml).toContain(`/rss/cs.LG?keywords=inference,quantization&amp;exclude=survey&amp;min_score=1`);
  });

  it("Atom: valid against RFC 4287, same entries", async () => {
    const want = expected(await pool("cs.LG"), {
      keywords: ["inference", "quantization"],
      exclude: ["survey"],
      minScore: 1,
    });
    const xml = await (await service.get(`/atom/cs.LG?${query}`)).text();
    assertStrictXml(xml);
    await validateAtom(xml);
    const parsed = await feedparse(xml);
    expect(parsed.bozo).toBe(false);
    expect(parsed.entries.map((e) => e.title)).toEqual(want.map((p) => texText(p.title)));
  });

  it("hostile filter text is escaped in titles, never breaking the XML", async () => {
    const hostile = encodeURIComponent(`<script>alert(1)</script>,]]>,&amp;,"'`);
    for (const path of [`/rss?keywords=${hostile}`, `/atom?keywords=${hostile}`]) {
      const response = await service.get(path);
      expect(response.status, path).toBe(200);
      const xml = await response.text();
      assertStrictXml(xml);
      expect(xml).not.toContain("<script>");
    }
    validateJsonFeed(await (await service.get(`/feed.json?keywords=${hostile}`)).text());
  });
});

describe("cross-lists", () => {
  it("the pool always stores cross-lists, so cross_lists=1 ranks them in even when the feeds leave them out", async () => {
    const all = await fullPool("cs.LG");
    expect(all.some((p) => isCross(p, "cs.LG"))).toBe(true);
    const feed = await jsonFeed("/feed/cs.LG.json?cross_lists=1");
    expect(feed.title).toContain("with cross-lists");
    expect(feed.items.map((i) => i._arxiv.id)).toEqual(expected(all, {}).map((p) => p.id));
    expect(feed.items.some((i) => all.find((p) => p.id === i._arxiv.id && isCross(p, "cs.LG")))).toBe(true);
  });

  it("cross_lists=0 (the configured default here) leaves them out", async () => {
    const feed = await jsonFeed("/feed/cs.LG.json?cross_lists=0");
    expect(feed.items.map((i) => i._arxiv.id)).toEqual(expected(await pool("cs.LG"), {}).map((p) => p.id));
  });
});

describe("the read path makes no outbound request", () => {
  it("personal feeds and API calls never reach arXiv or the LLM", async () => {
    const arxivBefore = service.arxiv.totalRequests();
    const llmBefore = llm.calls();
    const paths = [
      "/rss/cs.LG?keywords=moe,speculative+decoding&min_score=3",
      "/atom?keywords=anything&authors=smith",
      "/feed/cs.DC.json?exclude=gpu&cross_lists=1",
      "/rss",
      "/api/papers?keywords=quantization",
      "/api/papers?category=cs.CL&q=language&author=li",
      "/api/categories",
      "/api/health",
      "/digest.md",
      "/feeds.opml",
      "/api/config",
      "/api/openapi.json",
    ];
    for (const path of paths) {
      const response = await service.get(path);
      expect(response.status, path).toBe(200);
      await response.arrayBuffer();
    }
    const page = (await (await service.get("/api/papers?limit=1")).json()) as PapersResponse;
    expect((await service.get(`/api/papers/${page.papers[0]?.id}`)).status).toBe(200);
    expect(service.arxiv.totalRequests()).toBe(arxivBefore);
    expect(llm.calls()).toBe(llmBefore);
    // Embeddings are off here: nothing asks the endpoint (tests/embeddings/outbound.test.ts records every fetch).
    expect(llm.embeddingRequests()).toEqual([]);
  });
});
