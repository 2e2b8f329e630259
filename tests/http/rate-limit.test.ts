import { Redis } from "@upstash/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientOf } from "../../lib/http/personal-limit.js";
import {
  limiterFor,
  memoryLimiter,
  PERSONAL_RATE_LIMIT,
  type RateLimiter,
  upstashLimiter,
} from "../../lib/http/rate-limit.js";
import { FIXTURE_NOW } from "../helpers/fixtures.js";
import { type Service, startService } from "../helpers/service.js";
import { upstashOverRedis } from "../helpers/upstash-rest-server.js";
import { openApiValidator } from "./openapi-validator.js";

const RULE = { requests: 3, windowSeconds: 60 };

type OpenApi = Parameters<typeof openApiValidator>[0] & {
  paths: Record<string, { get: { responses: Record<string, unknown> } } | undefined>;
};

/** The rule both limiters must keep: n per window per client, then refusals saying when to retry. */
async function expectRule(limiter: RateLimiter) {
  const outcomes = [];
  for (let i = 0; i < RULE.requests + 2; i++) outcomes.push(await limiter.take("client-a"));
  expect(outcomes.slice(0, RULE.requests).every((o) => o.allowed)).toBe(true);
  for (const refused of outcomes.slice(RULE.requests)) {
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) {
      expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(RULE.windowSeconds);
    }
  }
  expect((await limiter.take("client-b")).allowed).toBe(true);
}

describe("the per-client rule", () => {
  const upstash = upstashOverRedis();

  it("in memory: n per window, then 429 material; the window slides", async () => {
    let time = 10 * 60_000 + 59_000;
    const limiter = memoryLimiter(RULE, () => time);
    await expectRule(limiter);
    // Half of the next window: half of the previous window's 3 still count (floor 1), so 2 more fit.
    time += 31_000;
    expect((await limiter.take("client-a")).allowed).toBe(true);
    expect((await limiter.take("client-a")).allowed).toBe(true);
    expect((await limiter.take("client-a")).allowed).toBe(false);
    time += 120_000;
    expect((await limiter.take("client-a")).allowed).toBe(true);
  });

  it("on Upstash (@upstash/ratelimit over the REST API and a real redis-server): the same rule", async () => {
    const client = new Redis({ url: upstash.rest.url, token: upstash.rest.token });
    const limiter = upstashLimiter(async () => client, RULE, `t${Date.now()}:`);
    await expectRule(limiter);
    expect(upstash.rest.stats().commandNames.some((name) => name === "EVALSHA" || name === "EVAL")).toBe(
      true,
    );
  });

  it("on Upstash, lets requests through while Upstash fails (an outage is not the client's fault)", async () => {
    const client = new Redis({ url: upstash.rest.url, token: upstash.rest.token, retry: false });
    const limiter = upstashLimiter(async () => client, RULE, `f${Date.now()}:`);
    upstash.rest.setMode("error");
    try {
      for (let i = 0; i < RULE.requests + 2; i++) expect((await limiter.take("client-a")).allowed).toBe(true);
    } finally {
      upstash.rest.setMode("ok");
    }
    expect(upstash.rest.stats().requests).toBeGreaterThan(0);
  });

  it("is Upstash's when the store is Upstash (shared by every instance), else in memory", async () => {
    const store = { driver: "upstash" as const, url: upstash.rest.url, token: upstash.rest.token };
    const keyPrefix = `s${Date.now()}:`;
    upstash.rest.resetStats();
    await expectRule(limiterFor({ store, keyPrefix }, RULE));
    // One script call per check (plus a load when the script is new to the server).
    expect(upstash.rest.stats().commands).toBeGreaterThanOrEqual(RULE.requests + 2);
    // A second instance (another warm function) sees the same counts.
    expect((await limiterFor({ store, keyPrefix }, RULE).take("client-a")).allowed).toBe(false);
    upstash.rest.resetStats();
    await expectRule(limiterFor({ store: { driver: "memory" }, keyPrefix }, RULE));
    expect(upstash.rest.stats().commands).toBe(0);
  });
});

describe("personal feeds on the local server (file store)", () => {
  let service: Service;
  beforeAll(async () => {
    service = await startService();
    expect((await service.refresh()).status).toBe(200);
  });
  afterAll(async () => {
    await service?.stop();
  });

  const personal = (i: number) => `/rss/cs.LG?keywords=inference,model${i}&limit=5`;

  it("answers 429 with Retry-After once a client has had its uncached re-rankings; 304s, repeats and plain feeds are free", async () => {
    // The sliding window weighs the previous minute by how much of it still overlaps, so a run
    // of requests that crosses a minute boundary may fit one more: the in-memory limiter reads
    // the service's clock, so start the run at the top of a minute and it stays inside it.
    service.setNow(Math.ceil(FIXTURE_NOW / 60_000) * 60_000 + 60_000);
    const first = await service.get(personal(0));
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag") ?? "";
    // A ranked API query, whose later pages must stay free once the limit is reached.
    const ranked = await service.get("/api/papers?category=cs.LG&keywords=inference&limit=2");
    expect(ranked.status).toBe(200);
    const nextCursor = ((await ranked.json()) as { nextCursor: string | null }).nextCursor;
    expect(nextCursor).toBeTruthy();
    // A client claiming another address is still this socket's client.
    for (let i = 2; i < PERSONAL_RATE_LIMIT.requests; i++) {
      const response = await service.get(personal(i), { headers: { "x-real-ip": `10.9.0.${i}` } });
      expect(response.status, `request ${i}`).toBe(200);
      await response.arrayBuffer();
    }
    const refused = await service.get(personal(999));
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(PERSONAL_RATE_LIMIT.windowSeconds);
    const body = (await refused.json()) as { error: { message: string; limit: number } };
    const document = (await (await service.get("/api/openapi.json")).json()) as OpenApi;
    openApiValidator(document)("Error", body);
    expect(Object.keys(document.paths["/rss/{category}"]?.get.responses ?? {})).toContain("429");
    expect(Object.keys(document.paths["/api/papers"]?.get.responses ?? {})).toContain("429");
    expect(body.error.message).toMatch(/too many personal feed requests from this client.*retry in \d+ s/);
    expect(body.error.limit).toBe(PERSONAL_RATE_LIMIT.requests);

    expect((await service.get(personal(0), { headers: { "if-none-match": etag } })).status).toBe(304);
    expect((await service.get(personal(0))).status).toBe(200);
    expect((await service.get("/rss/cs.LG")).status).toBe(200);
    expect((await service.get("/rss/cs.LG?limit=5")).status).toBe(200);
    expect((await service.get("/api/papers?category=cs.LG&keywords=other")).status).toBe(429);
    // A search reads and ranks the whole window too, and its refusal says so.
    const search = await service.get("/api/papers?category=cs.LG&q=sparse");
    expect(search.status).toBe(429);
    expect(((await search.json()) as { error: { message: string } }).error.message).toContain("q=");
    const nextPage = `/api/papers?category=cs.LG&keywords=inference&limit=2&cursor=${encodeURIComponent(nextCursor ?? "")}`;
    expect((await service.get(nextPage)).status).toBe(200);
  }, 90_000);
});

describe("the client a request is counted for", () => {
  const request = (headers: Record<string, string>) => new Request("http://x.test/rss", { headers });
  const env = (values: { VERCEL?: string; TRUST_PROXY?: string }) => ({
    env: { VERCEL: values.VERCEL, TRUST_PROXY: values.TRUST_PROXY },
  });
  const sent = { "x-forwarded-for": "6.6.6.6, 10.0.0.7", "x-real-ip": "127.0.0.1" };

  it("is what a trusted hop wrote, never what the client claims", () => {
    expect(clientOf(request(sent), env({ VERCEL: "1" }))).toBe("6.6.6.6");
    expect(clientOf(request(sent), env({ TRUST_PROXY: "1" }))).toBe("10.0.0.7");
    expect(clientOf(request(sent), env({}))).toBe("127.0.0.1");
    expect(clientOf(request({}), env({}))).toBe("unknown");
  });
});
