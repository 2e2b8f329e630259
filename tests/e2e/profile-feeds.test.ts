import { readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { personalRules, rankPersonal } from "../../lib/api/personal-rank.js";
import type { PapersResponse } from "../../lib/api/schemas.js";
import { type Config, ConfigSchema } from "../../lib/config/schema.js";
import type { NamedPaper } from "../../lib/profile/named-paper.js";
import { namedPaperKey, namedTriedKey } from "../../lib/profile/profile-keys.js";
import { rankPapers } from "../../lib/rank/rank-papers.js";
import type { Store } from "../../lib/store/types.js";
import type { ArxivApiMode } from "../helpers/arxiv-api.js";
import { type Service, startService } from "../helpers/service.js";
import { assertStrictXml, feedparse, validateAtom, validateJsonFeed } from "../helpers/validate.js";
import { storedPool, storeOf } from "../http/support.js";

/*
 * Personal feeds ranked by papers a reader names (`like=`, `dislike=`), through the whole
 * service: the named papers are resolved from the window, the store and the loopback arXiv API,
 * every item says which liked paper it is close to in each format, and what cannot be resolved
 * is named while the feed is still served.
 */
let service: Service;
let store: Store;
const config: Config = ConfigSchema.parse(JSON.parse(readFileSync("config.json", "utf8")));

/** Two real papers on low-precision LLM training and inference, outside the stored window. */
const LIKED = ["2601.09555", "2601.22101"];
/** Papers of the corpus outside the window that each fault below asks for once. */
const FAULT_IDS: Record<string, string> = {
  "503": "2601.09527",
  "429": "2601.09258",
  malformed: "2601.13155",
  html: "2601.13143",
};
/** A paper first asked for while arXiv fails, resolved later. */
const LATER = "2601.12241";
/** A paper asked for while arXiv does not answer at all. */
const SILENT = "2601.02569";
const UNKNOWN = "2601.99999";

interface JsonItem {
  content_html: string;
  _arxiv: {
    id: string;
    score: number;
    similarity?: number;
    close_to?: { id: string; title: string; similarity: number };
  };
}
interface JsonDocument {
  description: string;
  items: JsonItem[];
}

async function getOk(path: string, init?: RequestInit): Promise<Response> {
  const response = await service.get(path, init);
  expect(response.status, `${path}: ${response.status}`).toBe(200);
  return response;
}

const jsonFeed = async (path: string): Promise<JsonDocument> => {
  const text = await (await getOk(path)).text();
  validateJsonFeed(text);
  return JSON.parse(text) as JsonDocument;
};
const apiPage = async (path: string) => (await (await getOk(path)).json()) as PapersResponse;

/** The cached copy of a named paper (a request names it first if no test has yet). */
const named = async (id: string) => {
  let paper = await store.get<NamedPaper>(namedPaperKey(id));
  if (!paper) {
    await getOk(`/api/papers?like=${id}&limit=1`);
    paper = await store.get<NamedPaper>(namedPaperKey(id));
  }
  if (!paper) throw new Error(`${id} is not cached`);
  return paper;
};

/** Every paper's similarity under a ranking of `/api/papers` (all pages). */
async function similarities(query: string): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  let cursor: string | null = null;
  do {
    const suffix: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
    const page = await apiPage(`/api/papers?category=cs.LG&limit=200&${query}${suffix}`);
    for (const paper of page.papers) if (paper.similarity !== null) found.set(paper.id, paper.similarity);
    cursor = page.nextCursor;
  } while (cursor);
  return found;
}

const meanOf = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

beforeAll(async () => {
  service = await startService();
  expect((await service.refresh()).status).toBe(200);
  store = storeOf(service);
  const window = new Set((await storedPool(store, "all", config.days_back)).map((paper) => paper.id));
  const corpus = new Set(service.arxiv.api.corpusIds());
  // The premise: the named papers are arXiv's (the fake API has them) and not in the window.
  for (const id of [...LIKED, ...Object.values(FAULT_IDS), LATER, SILENT]) {
    expect(window.has(id), id).toBe(false);
    expect(corpus.has(id), id).toBe(true);
  }
  expect(corpus.has(UNKNOWN)).toBe(false);
});
afterAll(async () => {
  await store?.close();
  await service?.stop();
});

describe("named papers are resolved once", () => {
  it("papers outside the window are looked up in ONE API request, then read from the store", async () => {
    service.arxiv.api.reset();
    await jsonFeed(`/feed/cs.LG.json?like=${LIKED.join(",")}`);
    const log = service.arxiv.api.log();
    expect(log).toHaveLength(1);
    expect([...(log[0]?.ids ?? [])].sort()).toEqual([...LIKED].sort());
    // Again, in another order, another format and the API: cached, arXiv not asked.
    await getOk(`/rss/cs.LG?like=${[...LIKED].reverse().join(",")}`);
    await apiPage(`/api/papers?category=cs.LG&like=${LIKED.join(",")}`);
    expect(service.arxiv.api.log()).toHaveLength(1);
    for (const id of LIKED) expect((await named(id)).id).toBe(id);
  });

  it("a paper at hand in the window is not looked up, and is not ranked itself", async () => {
    const inWindow = (await jsonFeed("/feed/cs.LG.json")).items[0]?._arxiv.id ?? "";
    service.arxiv.api.reset();
    const feed = await jsonFeed(`/feed/cs.LG.json?like=${inWindow}&limit=50`);
    expect(service.arxiv.api.log()).toHaveLength(0);
    expect(feed.items.map((item) => item._arxiv.id)).not.toContain(inWindow);
    expect(feed.items.every((item) => item._arxiv.close_to?.id === inWindow)).toBe(true);
  });
});

describe("the ranking follows the named papers", () => {
  it("equals rankPersonal of the stored pool with the cached papers, and likes rise, dislikes fall", async () => {
    const likes = await Promise.all(LIKED.map(named));
    const pool = await storedPool(store, "cs.LG", config.days_back);
    const filter = { keywords: ["inference"], like: LIKED.map((id) => ({ id })) };
    const want = rankPersonal(pool, "cs.LG", config, filter, 30, { likes, dislikes: [] });
    const liked = await jsonFeed(`/feed/cs.LG.json?keywords=inference&like=${LIKED.join(",")}&limit=30`);
    expect(liked.items.map((item) => item._arxiv.id)).toEqual(want.map((paper) => paper.id));
    expect(liked.items.map((item) => item._arxiv.score)).toEqual(want.map((paper) => paper.score));

    // Each paper's similarity to the liked papers, whatever it ranks by.
    const similarity = await similarities(`keywords=inference&like=${LIKED.join(",")}`);
    const top10 = async (query: string) => {
      const items = (await jsonFeed(`/feed/cs.LG.json?${query}&limit=10`)).items;
      expect(items).toHaveLength(10);
      return meanOf(items.map((item) => similarity.get(item._arxiv.id) ?? 0));
    };
    const base = await top10("keywords=inference");
    const up = await top10(`keywords=inference&like=${LIKED.join(",")}`);
    const down = await top10(`keywords=inference&dislike=${LIKED.join(",")}`);
    expect(up).toBeGreaterThan(base + 0.02);
    expect(down).toBeLessThan(base);
  });

  it("like= without keywords= ranks by similarity alone: the configured keywords give no points", async () => {
    const feed = await jsonFeed(`/feed/cs.LG.json?like=${LIKED.join(",")}&limit=20`);
    const sims = feed.items.map((item) => item._arxiv.similarity ?? Number.NaN);
    expect(sims.every((value) => value > 0)).toBe(true);
    expect([...sims].sort((a, b) => b - a)).toEqual(sims);
    for (const item of feed.items)
      expect(item._arxiv.score).toBeCloseTo(10 * (item._arxiv.similarity ?? 0), 9);
    expect(personalRules(config, { like: [{ id: LIKED[0] ?? "" }] }, 20)).toMatchObject({
      keywords: [],
      minScore: 0,
    });
  });

  it("keywords= alone is ranked exactly as before: no similarity, no close-to, no lookup", async () => {
    service.arxiv.api.reset();
    const pool = await storedPool(store, "cs.LG", config.days_back);
    const feed = await jsonFeed("/feed/cs.LG.json?keywords=inference,quantization&limit=40");
    const want = rankPapers(
      pool.filter((paper) => paper.announceType !== "cross" && paper.primaryCategory === "cs.LG"),
      personalRules(config, { keywords: ["inference", "quantization"] }, 40),
    );
    expect(feed.items.map((item) => item._arxiv.id)).toEqual(want.map((paper) => paper.id));
    expect(feed.items.some((item) => "similarity" in item._arxiv || "close_to" in item._arxiv)).toBe(false);
    expect(feed.items.some((item) => item.content_html.includes("close to:"))).toBe(false);
    const page = await apiPage("/api/papers?category=cs.LG&keywords=inference");
    expect(page.missing).toBeUndefined();
    expect(page.papers.every((paper) => paper.similarity === null && paper.closeTo === null)).toBe(true);
    expect(service.arxiv.api.log()).toHaveLength(0);
  });
});

describe("every item ranked by named papers says which liked paper it is close to", () => {
  const query = `like=${LIKED.join(",")}&limit=10`;
  const closeTo = /close to: (.+?) \(similarity (0\.\d\d|1\.00)\)/;

  it("in RSS (strict XML, feedparser) and Atom (RELAX NG, feedparser)", async () => {
    const titles = new Set((await Promise.all(LIKED.map(named))).map((paper) => paper.title));
    const rss = await (await getOk(`/rss/cs.LG?${query}`)).text();
    assertStrictXml(rss);
    const channel = new XMLParser().parse(rss).rss.channel as { description: string };
    expect(channel.description).toContain("by similarity to the papers named");
    const atom = await (await getOk(`/atom/cs.LG?${query}`)).text();
    await validateAtom(atom);
    for (const text of [rss, atom]) {
      const parsed = await feedparse(text);
      expect(parsed.bozo).toBe(false);
      expect(parsed.entries).toHaveLength(10);
      for (const entry of parsed.entries) {
        const match = closeTo.exec(entry.content);
        expect(match, entry.title).not.toBeNull();
        expect(titles.has(match?.[1] ?? "")).toBe(true);
      }
    }
  });

  it("in JSON Feed (_arxiv.close_to) and the API (structured closeTo)", async () => {
    const feed = await jsonFeed(`/feed/cs.LG.json?${query}`);
    const page = await apiPage(`/api/papers?category=cs.LG&${query}`);
    expect(page.missing).toEqual([]);
    expect(page.papers.map((paper) => paper.id)).toEqual(feed.items.map((item) => item._arxiv.id));
    page.papers.forEach((paper, index) => {
      const item = feed.items[index];
      expect(LIKED).toContain(paper.closeTo?.id);
      expect(paper.closeTo).toEqual(item?._arxiv.close_to);
      expect(paper.similarity).toBe(item?._arxiv.similarity);
      expect(paper.closeTo?.similarity).toBeGreaterThan(0);
      expect(paper.closeTo?.similarity).toBeLessThanOrEqual(1);
      expect(item?.content_html).toContain(`close to: ${paper.closeTo?.title}`);
    });
  });
});

describe("what cannot be resolved is named, and the feed is served by what is known", () => {
  it("an id arXiv does not have is named in the notice and the API's missing", async () => {
    const rss = await (await getOk(`/rss/cs.LG?like=${LIKED[0]},${UNKNOWN}`)).text();
    const channel = new XMLParser().parse(rss).rss.channel as { description: string };
    expect(channel.description).toContain(
      `1 named paper is not used yet: ${UNKNOWN}: arXiv has no paper with this id.`,
    );
    const page = await apiPage(`/api/papers?category=cs.LG&like=${LIKED[0]},${UNKNOWN}&limit=5`);
    expect(page.missing).toEqual([
      { id: UNKNOWN, reason: "unknown", message: `${UNKNOWN}: arXiv has no paper with this id` },
    ]);
    expect(page.papers.every((paper) => paper.closeTo?.id === LIKED[0])).toBe(true);
  });

  it("arXiv's API failing (503, 429, malformed XML, an HTML page): served, ranked by the cached paper", async () => {
    await named(LIKED[0] ?? "");
    for (const [mode, id] of Object.entries(FAULT_IDS)) {
      service.arxiv.api.reset();
      service.arxiv.api.setMode(mode as ArxivApiMode);
      const page = await apiPage(`/api/papers?category=cs.LG&like=${LIKED[0]},${id}&limit=5`);
      expect(service.arxiv.api.log(), mode).toHaveLength(1);
      expect(
        page.missing?.map((m) => [m.id, m.reason]),
        mode,
      ).toEqual([[id, "unavailable"]]);
      expect(page.missing?.[0]?.message, mode).toContain("arXiv's API failed");
      expect(page.papers.length, mode).toBe(5);
      expect(
        page.papers.every((paper) => paper.closeTo?.id === LIKED[0]),
        mode,
      ).toBe(true);
      // Asked once: the next request within the marker's life does not wait on arXiv again.
      await apiPage(`/api/papers?category=cs.LG&like=${LIKED[0]},${id}&limit=6`);
      expect(service.arxiv.api.log(), mode).toHaveLength(1);
      service.arxiv.api.setMode("ok");
      // A 429 or 503 closes the deployment's gate for its Retry-After (1 s here).
      await sleep(1100);
    }
  });

  it("arXiv not answering holds a request at most the feed's wait budget (2.5 s)", async () => {
    await named(LIKED[0] ?? "");
    service.arxiv.api.setMode("timeout");
    const started = performance.now();
    const page = await apiPage(`/api/papers?category=cs.LG&like=${LIKED[0]},${SILENT}&limit=3`);
    const waited = performance.now() - started;
    service.arxiv.api.setMode("ok");
    expect(waited).toBeGreaterThan(1500);
    expect(waited).toBeLessThan(3500);
    expect(page.missing?.map((m) => [m.id, m.reason])).toEqual([[SILENT, "unavailable"]]);
    expect(page.papers.every((paper) => paper.closeTo?.id === LIKED[0])).toBe(true);
  });

  it("an id resolved later changes the ETag and leaves the notice", async () => {
    const id = LATER;
    const path = `/rss/cs.LG?like=${LIKED[0]},${id}`;
    await named(LIKED[0] ?? "");
    service.arxiv.api.setMode("503");
    const before = await getOk(path);
    service.arxiv.api.setMode("ok");
    await sleep(1100);
    const etag = before.headers.get("etag") ?? "";
    expect(await before.text()).toContain(`${id}: arXiv's API failed`);
    expect((await service.get(path, { headers: { "if-none-match": etag } })).status).toBe(304);
    // The marker's ten minutes pass.
    await store.delete(namedTriedKey(id));
    const after = await service.get(path, { headers: { "if-none-match": etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);
    const text = await after.text();
    expect(text).not.toContain("not used yet");
    expect(text).toContain(`close to: ${(await named(id)).title}`);
  });

  it("a bad id is a 400 naming the parameter and the item", async () => {
    const tooMany = Array.from({ length: 51 }, (_, i) => `2601.${10_000 + i}`).join(",");
    for (const query of ["like=2601.20273,not-an-id", `dislike=${tooMany}`]) {
      const response = await service.get(`/rss/cs.LG?${query}`);
      expect(response.status, query).toBe(400);
      const body = (await response.json()) as { error: { parameter: string; message: string } };
      expect(body.error.parameter).toBe(query.split("=")[0]);
    }
    const body = await (await service.get("/rss/cs.LG?like=2601.20273,not-an-id")).text();
    expect(body).toContain('like (item 2) must be an arXiv id or link, not \\"not-an-id\\"');
  });
});
