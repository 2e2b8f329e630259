import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PapersResponse } from "../../lib/api/schemas.js";
import type { FeedSnapshot, RankedPaper } from "../../lib/model/snapshot.js";
import type { Store } from "../../lib/store/types.js";
import { type Service, startService } from "../helpers/service.js";
import { storedPool, storeOf } from "../http/support.js";

/*
 * `/api/papers?q=` as the FAQ promises it: it finds a paper arXiv announced into the feed even
 * when the feed did not keep it (below min_score, no keyword), searching the whole stored window.
 */
let service: Service;
let store: Store;

beforeAll(async () => {
  service = await startService();
  expect((await service.refresh()).status).toBe(200);
  store = storeOf(service);
});
afterAll(async () => {
  await store?.close();
  await service?.stop();
});

const getJson = async (path: string): Promise<PapersResponse> => {
  const response = await service.get(path);
  expect(response.status, path).toBe(200);
  return (await response.json()) as PapersResponse;
};

/** A paper of the window of `name` that its published feed left out (a new, primary one). */
async function leftOut(name: string): Promise<RankedPaper> {
  const kept = new Set(((await store.get<FeedSnapshot>(`feed:${name}`))?.papers ?? []).map((p) => p.id));
  const pool = await storedPool(store, name, 7);
  const missing = pool.find((p) => !kept.has(p.id) && p.announceType === "new" && p.primaryCategory === name);
  if (!missing) throw new Error(`every paper of ${name}'s window is in its feed`);
  return missing;
}

describe("GET /api/papers?q=", () => {
  it("finds, by its exact title, a paper the feed did not keep", async () => {
    const paper = await leftOut("cs.LG");
    const found = await getJson(`/api/papers?category=cs.LG&q=${encodeURIComponent(paper.title)}&limit=200`);
    expect(found.source).toBe("pool");
    expect(found.papers.map((p) => p.id)).toContain(paper.id);
    // The combined feed's window has it too.
    const all = await getJson(`/api/papers?q=${encodeURIComponent(paper.title)}&limit=200`);
    expect(all.papers.map((p) => p.id)).toContain(paper.id);
  });

  it("returns every paper of the window whose title or abstract has all the words, best first", async () => {
    const pool = (await storedPool(store, "cs.DC", 7)).filter(
      (p) => p.announceType === "new" && p.primaryCategory === "cs.DC",
    );
    const found = await getJson("/api/papers?category=cs.DC&q=GPU&limit=200");
    const want = pool.filter((p) => `${p.title} ${p.abstract}`.toLowerCase().includes("gpu"));
    expect(found.total).toBe(want.length);
    expect(new Set(found.papers.map((p) => p.id))).toEqual(new Set(want.map((p) => p.id)));
    const scores = found.papers.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const kept = (await store.get<FeedSnapshot>("feed:cs.DC"))?.papers ?? [];
    expect(found.total).toBeGreaterThan(kept.filter((p) => /gpu/i.test(`${p.title} ${p.abstract}`)).length);
  });

  it("still narrows by author and since, and pages with a cursor", async () => {
    const first = await getJson("/api/papers?category=cs.LG&q=model&limit=5");
    expect(first.count).toBe(5);
    expect(first.nextCursor).not.toBeNull();
    const next = await getJson(`/api/papers?category=cs.LG&q=model&limit=5&cursor=${first.nextCursor}`);
    expect(next.papers.map((p) => p.id)).not.toEqual(first.papers.map((p) => p.id));
    const none = await getJson("/api/papers?category=cs.LG&q=model&since=2999-01-01");
    expect(none.total).toBe(0);
  });
});

describe("the API's display field", () => {
  it("shows simple TeX as Unicode text while title and abstract keep the original", async () => {
    const found = await getJson("/api/papers?q=L$^3$&limit=200");
    expect(found.total).toBeGreaterThan(0);
    for (const paper of found.papers) {
      expect(paper.title).toContain("L$^3$");
      expect(paper.display.title).toBe(paper.title.replaceAll("L$^3$", "L³"));
      expect(paper.display.abstract.length).toBeGreaterThan(0);
    }
    const one = await service.get(`/api/papers/${found.papers[0]?.id}`);
    const body = (await one.json()) as { paper: PapersResponse["papers"][number] };
    expect(body.paper.display.title).toContain("L³");
  });
});
