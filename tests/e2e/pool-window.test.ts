import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PoolSnapshot, RankedPaper } from "../../lib/model/snapshot.js";
import { packPool, poolHead, poolPapers } from "../../lib/pools/codec.js";
import { createStore } from "../../lib/store/create-store.js";
import type { Store } from "../../lib/store/types.js";
import { type RedisServer, startRedisServer } from "../helpers/redis-server.js";
import { type Service, startService } from "../helpers/service.js";

/**
 * The stored pools behind personal feeds, on a real redis-server: their ETag follows the pools
 * as well as the feed, an unreadable pool is skipped rather than failing every personal feed,
 * pools expire after their window, and a catch-up run that lost a category does not shrink the
 * combined feed's pool of the day.
 */
const COMBINED = "/rss/cs.AI+cs.CL+cs.DC+cs.LG";
const PERSONAL = "/feed.json?keywords=learning&limit=200";
let redis: RedisServer;
let service: Service;
let store: Store;
let raw: ReturnType<typeof createClient>;
const prefix = () => process.env.KEY_PREFIX ?? "";

/** The stored pool slots of feed `name` that hold a pool, with their heads. */
async function pools(name: string) {
  const found: { key: string; stored: unknown; pool: PoolSnapshot }[] = [];
  for (let slot = 0; slot < 7; slot++) {
    const key = `pool:${name}:${slot}`;
    const stored = await store.get(key);
    if (stored)
      found.push({ key, stored, pool: { ...poolHead(key, stored), papers: poolPapers(key, stored) } });
  }
  return found;
}
const ids = async (path: string) =>
  ((await (await service.get(path)).json()) as { items: { _arxiv: { id: string } }[] }).items.map(
    (i) => i._arxiv.id,
  );

beforeAll(async () => {
  redis = await startRedisServer();
  service = await startService({ env: { STORE: "redis", REDIS_URL: redis.url } });
  store = createStore({ driver: "redis", url: redis.url }, { keyPrefix: prefix() });
  raw = createClient({ url: redis.url });
  await raw.connect();
  expect((await service.refresh()).status).toBe(200);
});
afterAll(async () => {
  await raw?.quit();
  await store?.close();
  await service?.stop();
  await redis?.stop();
});

describe("pools behind personal feeds", () => {
  it("are stored gzipped with a readable head and expire a little after their window", async () => {
    const [first] = await pools("all");
    expect(first?.pool.announced).toBe("2026-01-29");
    expect(first?.pool.papers.length).toBeGreaterThan(500);
    const ttl = await raw.ttl(`${prefix()}${first?.key}`);
    // days_back 7: a week plus a long weekend.
    expect(ttl).toBeGreaterThan(10 * 86_400);
    expect(ttl).toBeLessThanOrEqual(11 * 86_400);
  });

  it("change a personal feed's ETag when a pool changes though the feed did not (a publish that failed)", async () => {
    const before = await service.get(PERSONAL);
    const etag = before.headers.get("etag") ?? "";
    expect(before.status).toBe(200);
    const [day] = await pools("all");
    if (!day) throw new Error("no pool");
    const extra: RankedPaper = {
      ...(day.pool.papers[0] as RankedPaper),
      id: "2601.99999",
      title: "Learning to learn, stored after the feed",
    };
    await store.set(
      day.key,
      packPool({ ...day.pool, version: "later-run", papers: [...day.pool.papers, extra] }),
    );
    const after = await service.get(PERSONAL, { headers: { "if-none-match": etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);
    expect(
      ((await after.json()) as { items: { _arxiv: { id: string } }[] }).items.map((i) => i._arxiv.id),
    ).toContain("2601.99999");
    await store.set(day.key, day.stored);
  });

  it("skip an unreadable pool instead of failing every personal feed", async () => {
    const [day] = await pools("all");
    if (!day) throw new Error("no pool");
    for (const bad of ["{truncated", '{"packed":"gzip+base64","data":"bm90IGd6aXA=","head":1}']) {
      await raw.set(`${prefix()}${day.key}`, bad);
      const response = await service.get(PERSONAL);
      expect(response.status, bad).toBe(200);
      // What the feed itself keeps is still ranked.
      expect((await ids(PERSONAL)).length).toBeGreaterThan(0);
      expect((await service.get("/api/papers/2601.20273")).status).not.toBe(503);
    }
    await store.set(day.key, day.stored);
  });

  it("a catch-up run that lost a category keeps that category's papers in the day's combined pool", async () => {
    const before = new Set((await pools("all"))[0]?.pool.papers.map((p) => p.id));
    const dcOnly = (await pools("cs.DC"))[0]?.pool.papers.filter((p) => p.primaryCategory === "cs.DC") ?? [];
    expect(dcOnly.length).toBeGreaterThan(0);
    service.arxiv.reset();
    service.arxiv.setMode(COMBINED, "500");
    service.arxiv.setMode("/rss/cs.DC", "500");
    const { body } = await service.refresh();
    expect(body.status).toBe("partial");
    const after = new Set((await pools("all"))[0]?.pool.papers.map((p) => p.id));
    for (const id of before) expect(after.has(id), id).toBe(true);
    service.arxiv.reset();
  });
});
