import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFixture } from "../helpers/fixtures.js";
import { CRON_SECRET, type Service, startService } from "../helpers/service.js";
import {
  type UpstashRestServer,
  upstashOverRedis,
  upstashServiceEnv,
} from "../helpers/upstash-rest-server.js";

const backend = upstashOverRedis();
let upstash: UpstashRestServer;
let service: Service;

beforeAll(async () => {
  upstash = backend.rest;
  service = await startService({ env: upstashServiceEnv(upstash) });
});
afterAll(async () => {
  await service?.stop();
});

const COMBINED = "/rss/cs.AI+cs.CL+cs.DC+cs.LG";
/** The fixture day moved to Friday with new ids. */
const nextDay = readFixture("arxiv", "daily", "rss-cs.AI+cs.CL+cs.DC+cs.LG.xml")
  .replaceAll("Thu, 29 Jan 2026", "Fri, 30 Jan 2026")
  .replace(/2601\.(\d{5})/g, "2602.$1");

const cron = () => service.get("/api/cron/refresh", { headers: { authorization: `Bearer ${CRON_SECRET}` } });

describe("the service on Upstash (real SDK, REST protocol, real redis-server)", () => {
  it("a refresh of four categories costs a handful of round trips, whatever the number of papers", async () => {
    upstash.resetStats();
    const response = await cron();
    expect(response.status).toBe(200);
    // lock, one MGET of the previous snapshots, one MULTI/EXEC publishing every feed, every
    // feed's pool of the day and the run record, unlock (EVALSHA [+EVAL]).
    expect(upstash.stats().requests).toBeLessThanOrEqual(5);
    expect(upstash.stats().byPath["/multi-exec"]).toBe(1);
    expect(upstash.stats().commandNames.filter((name) => name === "SET").length).toBeGreaterThanOrEqual(5);
  });

  it("a feed request costs exactly one store command", async () => {
    for (const path of ["/rss", "/atom/cs.LG", "/feed/cs.AI.json"]) {
      upstash.resetStats();
      expect((await service.get(path)).status).toBe(200);
      expect(upstash.stats().commands, path).toBe(1);
      expect(upstash.stats().requests, path).toBe(1);
    }
  });

  it("a personal feed whose one read would pass Upstash's size limit reads its keys one by one", async () => {
    const path = "/feed.json?keywords=learning&limit=200";
    upstash.resetStats();
    const whole = await service.get(path);
    expect(whole.status).toBe(200);
    const wanted = ((await whole.json()) as { items: unknown[] }).items.length;
    const mgetBytes = upstash.stats().bytesSent;
    // One read; the per-client rate limit (@upstash/ratelimit) adds its script call.
    expect(upstash.stats().commandNames.filter((name) => !name.startsWith("EVAL"))).toEqual(["MGET"]);
    // Just too small for the one MGET of the feed and its pools (the bytes also hold the rate
    // limit's small answers); each key alone still fits.
    upstash.setMaxRequestBytes(Math.floor(mgetBytes * 0.99));
    try {
      upstash.resetStats();
      const split = await service.get(path);
      expect(split.status).toBe(200);
      expect(((await split.json()) as { items: unknown[] }).items.length).toBe(wanted);
      expect(upstash.stats().commands).toBeGreaterThan(1);
    } finally {
      upstash.setMaxRequestBytes(undefined);
    }
  });

  it("five concurrent cron calls: exactly one refreshes, the others answer 409 at once without calling arXiv", async () => {
    service.arxiv.reset();
    service.arxiv.setDelay(800);
    const responses = await Promise.all(Array.from({ length: 5 }, cron));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409]);
    const busy = responses.find((r) => r.status === 409);
    expect(await busy?.json()).toEqual({
      status: "busy",
      reason: expect.stringMatching(/^another refresh is running \(pid \d+ on .+ since .+, expires .+\)$/),
    });
    expect(service.arxiv.totalRequests()).toBe(1);
    service.arxiv.setDelay(0);
  });

  it("store down during a feed request: 503 with Retry-After, no stack trace", async () => {
    upstash.setMode("down");
    const response = await service.get("/rss/cs.LG");
    upstash.setMode("ok");
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("30");
    const text = await response.text();
    expect(text).toContain("unreachable");
    expect(text).not.toMatch(/at .*\.ts:\d+/);
    expect(text).not.toContain(upstash.token);
  });

  it("a slow store: the request times out into a 503 instead of hanging the function", async () => {
    upstash.setMode("slow", { delayMs: 20_000 });
    const started = Date.now();
    const response = await service.get("/atom/cs.AI");
    const elapsed = Date.now() - started;
    upstash.setMode("ok");
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("30");
    // Bounded by the store's command timeout (3 s, with one quick retry), far below the delay.
    expect(elapsed).toBeLessThan(15_000);
  });

  it("store failing at the publish of a refresh: the refresh reports it and the stored feeds stay whole", async () => {
    const before = await (await service.get("/feed.json")).text();
    const personal = "/feed.json?keywords=learning&limit=200";
    const personalBefore = await (await service.get(personal)).text();
    const meta = await (await service.get("/api/health")).text();
    // A new day, so the failed run's pools would differ from the stored ones.
    service.arxiv.setBody(COMBINED, nextDay);
    upstash.setMode("error", { onlyPath: "/multi-exec" });
    const response = await cron();
    upstash.setMode("ok");
    service.arxiv.reset();
    // Pools go out in the same atomic write as the feeds: personal feeds are untouched too.
    expect(await (await service.get(personal)).text()).toBe(personalBefore);
    expect((await service.get("/api/papers/2602.20273")).status).toBe(404);
    expect(response.status).toBe(503);
    expect(await response.text()).not.toContain(upstash.token);
    expect(await (await service.get("/feed.json")).text()).toBe(before);
    // The published run is unchanged; health now says the last attempt failed, and why.
    const health = JSON.parse(await (await service.get("/api/health")).text()) as Record<string, unknown>;
    const previous = JSON.parse(meta) as Record<string, unknown>;
    expect(health.lastRefresh).toEqual(previous.lastRefresh);
    expect(health.status).toBe("failing");
    expect((health.lastAttempt as { status: string; error: string }).status).toBe("error");
    expect((health.lastAttempt as { error: string }).error).toContain("simulated store failure");
    expect(JSON.stringify(health)).not.toContain(upstash.token);
    // The failed run released its lock: the next one runs.
    expect((await cron()).status).toBe(200);
  });
});
