import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rankPapers } from "../../lib/rank/rank-papers.js";
import type { Store } from "../../lib/store/types.js";
import { type Service, startService } from "../helpers/service.js";
import { validateJsonFeed } from "../helpers/validate.js";
import { storedPool, storeOf } from "../http/support.js";

/** `cross_lists` on a deployment whose config stores cross-lists in the pools. */
const config = { ...JSON.parse(readFileSync("config.json", "utf8")), include_cross_lists: true };
let service: Service;
let store: Store;

beforeAll(async () => {
  service = await startService({ config });
  expect((await service.refresh()).status).toBe(200);
  store = storeOf(service);
});
afterAll(async () => {
  await store?.close();
  await service?.stop();
});

const ids = async (path: string) => {
  const response = await service.get(path);
  expect(response.status, path).toBe(200);
  const text = await response.text();
  validateJsonFeed(text);
  const feed = JSON.parse(text) as { description: string; items: { _arxiv: { id: string } }[] };
  return { description: feed.description, ids: feed.items.map((i) => i._arxiv.id) };
};

describe("cross_lists with include_cross_lists on", () => {
  it("the pool holds cross-listed papers, cross_lists=1 ranks them in, cross_lists=0 leaves them out", async () => {
    const pool = await storedPool(store, "cs.LG", config.days_back);
    const isCross = (p: (typeof pool)[number]) => p.primaryCategory !== "cs.LG" || p.announceType === "cross";
    expect(pool.some(isCross)).toBe(true);
    const rules = {
      keywords: ["learning", "model"],
      exclude: config.exclude_keywords,
      mode: "word" as const,
      minScore: 0,
      maxPapers: 100,
      dedupe: config.deduplication_methods,
    };
    const withCross = await ids("/feed/cs.LG.json?keywords=learning,model&cross_lists=1");
    expect(withCross.ids).toEqual(rankPapers(pool, rules).map((p) => p.id));
    expect(withCross.description).not.toContain("does not store them");
    const withoutCross = await ids("/feed/cs.LG.json?keywords=learning,model&cross_lists=0");
    expect(withoutCross.ids).toEqual(
      rankPapers(
        pool.filter((p) => !isCross(p)),
        rules,
      ).map((p) => p.id),
    );
    const crossIds = new Set(pool.filter(isCross).map((p) => p.id));
    expect(withCross.ids.some((id) => crossIds.has(id))).toBe(true);
    expect(withoutCross.ids.some((id) => crossIds.has(id))).toBe(false);
  });
});
