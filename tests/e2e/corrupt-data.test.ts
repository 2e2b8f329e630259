import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RedisServer, startRedisServer } from "../helpers/redis-server.js";
import { type Service, startService } from "../helpers/service.js";

/**
 * Stored data the service cannot read (not JSON, or JSON of another shape: a value left by an
 * older version, another program under the same prefix): readers get a 503 that says so, never a
 * stack trace, and the next refresh rewrites it instead of failing on it.
 */
let redis: RedisServer;
let service: Service;
let raw: ReturnType<typeof createClient>;
const prefix = () => process.env.KEY_PREFIX ?? "";

beforeAll(async () => {
  redis = await startRedisServer();
  service = await startService({ env: { STORE: "redis", REDIS_URL: redis.url } });
  raw = createClient({ url: redis.url });
  await raw.connect();
  expect((await service.refresh()).status).toBe(200);
});
afterAll(async () => {
  await raw?.quit();
  await service?.stop();
  await redis?.stop();
});

const CORRUPT: [string, string][] = [
  ["not JSON", "{truncated"],
  ["a JSON string", '"hello"'],
  ["an object of another shape", '{"version":1,"papers":"none"}'],
];

/** The feed's snapshot and the bodies the refresh rendered from it (which requests read first). */
const FEED_KEYS = [
  "feed:cs.LG",
  "rendered:cs.LG:rss",
  "rendered:cs.LG:atom",
  "rendered:cs.LG:json",
  "rendered:cs.LG:papers",
];

describe.each(CORRUPT)("a stored feed that is %s", (_label, value) => {
  it("answers 503 naming the problem on every path that reads it, then a refresh repairs it", async () => {
    for (const key of FEED_KEYS) await raw.set(`${prefix()}${key}`, value);
    await raw.set(`${prefix()}meta:refresh`, value);
    for (const path of [
      "/rss/cs.LG",
      "/atom/cs.LG?keywords=llm",
      "/api/papers?category=cs.LG",
      "/digest.md?category=cs.LG",
      "/api/categories",
      "/api/health",
    ]) {
      const response = await service.get(path);
      const text = await response.text();
      expect(response.status, path).toBe(503);
      expect(text, path).toMatch(/unreadable/);
      expect(text, path).not.toMatch(/at .*\.(ts|js):\d+/);
    }
    const refresh = await service.refresh();
    expect(refresh.status).toBe(200);
    const feed = await service.get("/rss/cs.LG");
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain("<item>");
    expect((await service.get("/api/health")).status).toBe(200);
  });
});

describe("a rendered body that is unreadable", () => {
  it("is a shortcut missed: the feed renders from its snapshot", async () => {
    const before = await (await service.get("/rss/cs.LG")).text();
    for (const key of FEED_KEYS.slice(1)) await raw.set(`${prefix()}${key}`, "{truncated");
    const rss = await service.get("/rss/cs.LG");
    expect(rss.status).toBe(200);
    expect(await rss.text()).toBe(before);
    expect((await service.get("/api/papers?category=cs.LG")).status).toBe(200);
  });
});
