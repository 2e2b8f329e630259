import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Config, ConfigSchema } from "../../lib/config/schema.js";
import type { RankedPaper } from "../../lib/model/snapshot.js";
import type { NamedPaper } from "../../lib/profile/named-paper.js";
import { namedPaperKey } from "../../lib/profile/profile-keys.js";
import type { Store } from "../../lib/store/types.js";
import { type Service, startService } from "../helpers/service.js";
import { storedPool, storeOf } from "../http/support.js";

/*
 * A paper liked from the combined feed (`all`) while another feed is read (cs.LG) whose window
 * does not hold it: the deployment holds it, so it is resolved from the combined window (then
 * the store's cache), never from arXiv, and the cs.LG items close to it say so.
 */
let service: Service;
let store: Store;
let liked: RankedPaper;
const config: Config = ConfigSchema.parse(JSON.parse(readFileSync("config.json", "utf8")));

interface JsonItem {
  content_html: string;
  _arxiv: { id: string; similarity?: number; close_to?: { id: string; title: string; similarity: number } };
}

async function jsonFeed(path: string): Promise<{ description: string; items: JsonItem[] }> {
  const response = await service.get(path);
  expect(response.status, path).toBe(200);
  return (await response.json()) as { description: string; items: JsonItem[] };
}

beforeAll(async () => {
  service = await startService();
  expect((await service.refresh()).status).toBe(200);
  store = storeOf(service);
  const inLearning = new Set((await storedPool(store, "cs.LG", config.days_back)).map((paper) => paper.id));
  const corpus = new Set(service.arxiv.api.corpusIds());
  // The premise: in the combined window, not in cs.LG's, and unknown to the (fake) arXiv API, so
  // only the deployment's own window can resolve it.
  const outside = (await storedPool(store, "all", config.days_back)).filter(
    (paper) => !inLearning.has(paper.id) && !corpus.has(paper.id) && !paper.categories.includes("cs.LG"),
  );
  expect(outside.length).toBeGreaterThan(0);
  liked = outside[0] as RankedPaper;
});
afterAll(async () => {
  await store?.close();
  await service?.stop();
});

describe("a liked paper held in another feed's window", () => {
  it("is resolved from the combined window, not arXiv, and the cs.LG items close to it say so", async () => {
    service.arxiv.api.reset();
    const feed = await jsonFeed(`/feed/cs.LG.json?like=${liked.id}&limit=20`);
    expect(service.arxiv.api.log()).toHaveLength(0);
    expect(feed.description).not.toContain("not used yet");
    expect(feed.items.length).toBeGreaterThan(0);
    for (const item of feed.items) {
      expect(item._arxiv.similarity, item._arxiv.id).toBeGreaterThan(0);
      expect(item._arxiv.close_to?.id, item._arxiv.id).toBe(liked.id);
      expect(item.content_html).toContain("close to: ");
    }
  });

  it("is cached as an arXiv answer would be, so the next request finds it in the store alone", async () => {
    const cached = await store.get<NamedPaper>(namedPaperKey(liked.id));
    expect(cached?.id).toBe(liked.id);
    expect(cached?.title).toBe(liked.title);
    expect(cached?.categories).toEqual(liked.categories);
    service.arxiv.api.reset();
    const again = await jsonFeed(`/feed/cs.LG.json?like=${liked.id}&limit=5`);
    expect(again.items.every((item) => item._arxiv.close_to?.id === liked.id)).toBe(true);
    expect(service.arxiv.api.log()).toHaveLength(0);
  });

  it("an id the deployment holds nowhere is still asked of arXiv and named as missing", async () => {
    const unknown = "2601.99998";
    service.arxiv.api.reset();
    const feed = await jsonFeed(`/feed/cs.LG.json?like=${liked.id},${unknown}&limit=5`);
    expect(service.arxiv.api.log().map((entry) => [...entry.ids])).toEqual([[unknown]]);
    expect(feed.description).toContain(`${unknown}: arXiv has no paper with this id.`);
    expect(feed.items.every((item) => item._arxiv.close_to?.id === liked.id)).toBe(true);
  });
});
