import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasAuthor } from "../../lib/api/author-match.js";
import type { CategoriesResponse, PaperResponse, PapersResponse } from "../../lib/api/schemas.js";
import type { FeedSnapshot } from "../../lib/model/snapshot.js";
import type { Store } from "../../lib/store/types.js";
import { type Service, startService } from "../helpers/service.js";
import { openApiValidator } from "../http/openapi-validator.js";
import { FEEDS, storedPool, storeOf } from "../http/support.js";

/** The JSON API end to end: /api/papers, /api/papers/<id>, /api/categories. */
let service: Service;
let store: Store;
let validate: ReturnType<typeof openApiValidator>;

const getJson = async <T>(path: string): Promise<T> => {
  const response = await service.get(path);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
};

const storedFeed = async (name: string) => {
  const snapshot = await store.get<FeedSnapshot>(`feed:${name}`);
  if (!snapshot) throw new Error(`feed:${name} not stored`);
  return snapshot;
};

beforeAll(async () => {
  service = await startService();
  expect((await service.refresh()).status).toBe(200);
  store = storeOf(service);
  validate = openApiValidator(await getJson("/api/openapi.json"));
});
afterAll(async () => {
  await store?.close();
  await service?.stop();
});

describe("GET /api/papers", () => {
  it("returns the combined feed's papers in feed order, 50 per page by default, as documented", async () => {
    const page = await getJson<PapersResponse>("/api/papers");
    validate("PapersResponse", page);
    const feed = await storedFeed("all");
    expect(page.feed).toBe("all");
    expect(page.source).toBe("feed");
    expect(page.version).toBe(feed.version);
    expect(page.total).toBe(feed.papers.length);
    expect(page.count).toBe(Math.min(50, feed.papers.length));
    expect(page.papers.map((p) => p.id)).toEqual(feed.papers.slice(0, 50).map((p) => p.id));
    const first = page.papers[0];
    const stored = feed.papers[0];
    expect(first?.score).toBe(stored?.score);
    expect(first?.matchedKeywords).toEqual(stored?.matches);
    expect(first?.links.abs).toMatch(/^https:\/\/arxiv\.org\/abs\//);
    expect(first?.categories[0]).toBe(first?.primaryCategory);
  });

  it("filters by category, min_score, q, author and since", async () => {
    const feed = await storedFeed("cs.DC");
    const byCategory = await getJson<PapersResponse>("/api/papers?category=cs.DC&limit=200");
    expect(byCategory.papers.map((p) => p.id)).toEqual(feed.papers.map((p) => p.id));
    // Category names are matched case-insensitively, as hand-typed URLs vary.
    expect((await getJson<PapersResponse>("/api/papers?category=CS.dc&limit=200")).feed).toBe("cs.DC");

    // min_score, like on a feed URL, ranks every stored paper of the window, not only the kept ones.
    const minScore = await getJson<PapersResponse>("/api/papers?category=cs.DC&min_score=4&limit=200");
    expect(minScore.source).toBe("pool");
    expect(minScore.total).toBeGreaterThan(0);
    expect(minScore.papers.every((p) => p.score >= 4)).toBe(true);
    const atLeast4 = new Set(minScore.papers.map((p) => p.id));
    expect(feed.papers.filter((p) => p.score >= 4).every((p) => atLeast4.has(p.id))).toBe(true);

    const word = feed.papers[0]?.title.split(/\s+/).find((w) => w.length > 5) ?? "the";
    const q = await getJson<PapersResponse>(
      `/api/papers?category=cs.DC&q=${encodeURIComponent(word.toUpperCase())}&limit=200`,
    );
    expect(q.total).toBeGreaterThan(0);
    const lower = word.toLowerCase();
    // q searches every paper the window holds for the feed, not only the kept ones.
    const window = (await storedPool(store, "cs.DC", 7)).filter(
      (p) => p.announceType === "new" && p.primaryCategory === "cs.DC",
    );
    expect(new Set(q.papers.map((p) => p.id))).toEqual(
      new Set(
        window.filter((p) => `${p.title} ${p.abstract}`.toLowerCase().includes(lower)).map((p) => p.id),
      ),
    );

    const surname = feed.papers[0]?.authors[0]?.split(" ").at(-1) ?? "";
    const author = await getJson<PapersResponse>(
      `/api/papers?category=cs.DC&author=${encodeURIComponent(surname)}&limit=200`,
    );
    expect(author.papers.map((p) => p.id)).toEqual(
      feed.papers.filter((p) => hasAuthor(p.authors, [surname])).map((p) => p.id),
    );
    expect(author.total).toBeGreaterThan(0);

    const announced = feed.papers[0]?.announced ?? "";
    expect((await getJson<PapersResponse>(`/api/papers?category=cs.DC&since=${announced}`)).total).toBe(
      feed.papers.length,
    );
    expect((await getJson<PapersResponse>("/api/papers?category=cs.DC&since=2999-01-01")).total).toBe(0);
  });

  it("with keywords, re-ranks the feed's pool (best first) and says so", async () => {
    const page = await getJson<PapersResponse>(
      "/api/papers?category=cs.LG&keywords=inference,quantization&limit=200",
    );
    validate("PapersResponse", page);
    expect(page.source).toBe("pool");
    expect(page.total).toBeGreaterThan(0);
    const scores = page.papers.map((p) => p.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    for (const paper of page.papers) {
      expect(paper.matchedKeywords.length).toBeGreaterThan(0);
      expect(paper.matchedKeywords.every((m) => ["inference", "quantization"].includes(m.keyword))).toBe(
        true,
      );
    }
  });

  it("pages through every paper with cursors, each once, in order", async () => {
    const all = await getJson<PapersResponse>("/api/papers?category=cs.LG&keywords=learning&limit=200");
    expect(all.total).toBeGreaterThan(7);
    const seen: string[] = [];
    let path = "/api/papers?category=cs.LG&keywords=learning&limit=7";
    for (let pages = 0; pages < 100; pages++) {
      const page = await getJson<PapersResponse>(path);
      expect(page.total).toBe(all.total);
      seen.push(...page.papers.map((p) => p.id));
      if (!page.nextCursor) break;
      path = `/api/papers?category=cs.LG&keywords=learning&limit=7&cursor=${page.nextCursor}`;
    }
    expect(seen).toEqual(all.papers.map((p) => p.id));
  });

  it("refuses a cursor of other filters, a forged one, and one from before a refresh (400, naming cursor)", async () => {
    const page = await getJson<PapersResponse>("/api/papers?limit=2");
    const cursor = page.nextCursor ?? "";
    const expect400 = async (path: string, words: string) => {
      const response = await service.get(path);
      expect(response.status, path).toBe(400);
      const body = (await response.json()) as { error: { parameter: string; message: string } };
      expect(body.error.parameter).toBe("cursor");
      expect(body.error.message).toContain(words);
    };
    await expect400(`/api/papers?limit=2&author=li&cursor=${cursor}`, "different filters");
    await expect400(`/api/papers?limit=2&cursor=${cursor.slice(0, -3)}`, "not a cursor");
    await expect400(
      `/api/papers?cursor=${Buffer.from('{"v":"x","o":-1,"q":"y"}').toString("base64url")}`,
      "not a cursor",
    );
    // A different limit keeps the cursor valid.
    expect((await service.get(`/api/papers?limit=5&cursor=${cursor}`)).status).toBe(200);
    expect((await service.refresh()).status).toBe(200);
    await expect400(`/api/papers?limit=2&cursor=${cursor}`, "older snapshot");
  });
});

describe("GET /api/papers/<id>", () => {
  it("finds a paper with or without version and with an arXiv: prefix, naming the feeds that hold it", async () => {
    const feed = await storedFeed("cs.LG");
    const paper = feed.papers[0];
    if (!paper) throw new Error("empty feed");
    const plain = await getJson<PaperResponse>(`/api/papers/${paper.id}`);
    validate("PaperResponse", plain);
    expect(plain.paper.id).toBe(paper.id);
    expect(plain.paper.title).toBe(paper.title);
    expect(plain.feeds).toContain("cs.LG");
    expect(plain.feeds.every((name) => FEEDS.includes(name))).toBe(true);
    expect((await getJson<PaperResponse>(`/api/papers/${paper.id}v${paper.version}`)).paper.id).toBe(
      paper.id,
    );
    expect((await getJson<PaperResponse>(`/api/papers/arXiv:${paper.id}`)).paper.id).toBe(paper.id);
    const wrong = await service.get(`/api/papers/${paper.id}v${paper.version + 1}`);
    expect(wrong.status).toBe(404);
    expect(((await wrong.json()) as { error: { message: string } }).error.message).toContain(
      `v${paper.version}`,
    );
  });

  it("finds a paper only the pool holds (admitted but not kept)", async () => {
    const pool = { papers: await storedPool(store, "all", 7) };
    const kept = new Set(
      (await Promise.all(FEEDS.map(storedFeed))).flatMap((f) => f.papers.map((p) => p.id)),
    );
    const poolOnly = pool?.papers.find((p) => !kept.has(p.id));
    if (!poolOnly) throw new Error("every pooled paper is kept");
    const found = await getJson<PaperResponse>(`/api/papers/${poolOnly.id}`);
    expect(found.paper.id).toBe(poolOnly.id);
    expect(found.feeds).toEqual([]);
  });

  it("answers 404 for an unknown paper (new and old style) and 400 for what is not an arXiv id", async () => {
    for (const id of ["2601.99999", "hep-ex/0101001", "hep-ex/0101001v2", "math.GT/0309136"]) {
      const response = await service.get(`/api/papers/${id}`);
      expect(response.status, id).toBe(404);
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain(
        id.replace("math.GT", "math").replace(/v2$/, ""),
      );
    }
    for (const id of [
      "abc",
      "2601.1",
      "2601.00001v0",
      "..%2F..%2Fetc%2Fpasswd",
      "2601.00001;DROP",
      "%3Cscript%3E",
      "x".repeat(300),
    ]) {
      const response = await service.get(`/api/papers/${id}`);
      expect(response.status, id).toBe(400);
      expect(((await response.json()) as { error: { parameter: string } }).error.parameter).toBe("id");
    }
  });
});

describe("GET /api/categories", () => {
  it("lists every feed with its absolute URLs, counts and announcement date", async () => {
    const body = await getJson<CategoriesResponse>("/api/categories");
    validate("CategoriesResponse", body);
    expect(body.feeds.map((f) => f.name)).toEqual(FEEDS);
    for (const feed of body.feeds) {
      const stored = await storedFeed(feed.name);
      expect(feed.count).toBe(stored.papers.length);
      expect(feed.announced).toBe(stored.announced);
      expect(feed.urls.rss).toBe(`${service.url}${feed.name === "all" ? "/rss" : `/rss/${feed.name}`}`);
      for (const url of Object.values(feed.urls)) {
        const response = await service.get(url.slice(service.url.length));
        expect(response.status, url).toBe(200);
        await response.arrayBuffer();
      }
    }
  });
});
