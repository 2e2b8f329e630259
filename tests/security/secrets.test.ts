import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type OpenAiServer, startOpenAiServer } from "../helpers/openai-server.js";
import { type RedisServer, startRedisServer } from "../helpers/redis-server.js";
import { CRON_SECRET, type Service, startService } from "../helpers/service.js";
import { startUpstashRestServer, type UpstashRestServer } from "../helpers/upstash-rest-server.js";

const LLM_KEY = `sk-llm-${randomBytes(12).toString("hex")}`;
const UPSTASH_TOKEN = `upstash-${randomBytes(12).toString("hex")}`;

let redis: RedisServer;
let upstash: UpstashRestServer;
let llm: OpenAiServer;
let service: Service;
const outputs: string[] = [];

beforeAll(async () => {
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    const original = console[level].bind(console);
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      outputs.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : String(a))).join(" "));
      original(...args);
    });
  }
  redis = await startRedisServer();
  upstash = await startUpstashRestServer({ redisUrl: redis.url, token: UPSTASH_TOKEN });
  llm = await startOpenAiServer({ apiKey: LLM_KEY });
  service = await startService({
    env: {
      STORE: "upstash",
      UPSTASH_REDIS_REST_URL: upstash.url,
      UPSTASH_REDIS_REST_TOKEN: UPSTASH_TOKEN,
      DASHSCOPE_API_KEY: LLM_KEY,
      OPENAI_BASE_URL: llm.baseUrl,
    },
  });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await service?.stop();
  await llm?.stop();
  await upstash?.stop();
  await redis?.stop();
});

const PATHS = [
  "/",
  "/rss",
  "/atom/cs.LG",
  "/feed.json",
  "/feed/cs.CL.json",
  "/rss/cs.XX",
  "/api/papers",
  "/api/papers?limit=-1",
  "/api/papers/2601.20000",
  "/api/categories",
  "/api/health",
  "/health",
  "/api/config",
  "/config",
  "/api/openapi.json",
  "/feeds.opml",
  "/digest.md",
];

async function record(response: Response): Promise<string> {
  const headers = [...response.headers.entries()].map(([k, v]) => `${k}: ${v}`).join("\n");
  return `${response.status}\n${headers}\n\n${await response.text()}`;
}

describe("no secret in any response, log line or error", () => {
  it("scans every endpoint, the cron with good and bad credentials, LLM and store failures", async () => {
    const seen: string[] = [];
    seen.push(
      await record(
        await service.get("/api/cron/refresh", { headers: { authorization: `Bearer ${LLM_KEY}` } }),
      ),
    );
    // LLM failing with its own error bodies during a refresh.
    llm.setBehaviour(() => ({
      type: "error",
      status: 401,
      message: `Incorrect API key provided: ${LLM_KEY.slice(0, 8)}...`,
    }));
    seen.push(
      await record(
        await service.get("/api/cron/refresh", { headers: { authorization: `Bearer ${CRON_SECRET}` } }),
      ),
    );
    llm.setBehaviour(() => undefined);
    seen.push(
      await record(
        await service.get("/api/cron/refresh", { headers: { authorization: `Bearer ${CRON_SECRET}` } }),
      ),
    );
    for (const path of PATHS) seen.push(await record(await service.get(path)));
    upstash.setMode("down");
    for (const path of ["/rss", "/api/papers", "/api/health", "/api/config"])
      seen.push(await record(await service.get(path)));
    seen.push(
      await record(
        await service.get("/api/cron/refresh", { headers: { authorization: `Bearer ${CRON_SECRET}` } }),
      ),
    );
    upstash.setMode("ok");

    const everything = [...seen, ...outputs].join("\n=====\n");
    expect(everything.length).toBeGreaterThan(10_000);
    for (const secret of [CRON_SECRET, LLM_KEY, UPSTASH_TOKEN]) {
      expect(everything.includes(secret), `secret ${secret.slice(0, 6)}… leaked`).toBe(false);
    }
    // The config endpoint names where secrets come from without showing them.
    const config = seen.find((s) => s.includes('"api_key_env"')) ?? "";
    expect(config).toContain("DASHSCOPE_API_KEY");
  });

  it("makes no outbound request to a URL taken from a request (no SSRF through parameters)", async () => {
    const before = service.arxiv.totalRequests();
    const calls = llm.calls();
    const hostile = encodeURIComponent(`http://127.0.0.1:${new URL(llm.baseUrl).port}/v1/chat/completions`);
    for (const path of [
      `/rss/cs.LG?keywords=${hostile}`,
      `/api/papers?q=${hostile}&author=${hostile}`,
      `/feed.json?authors=${hostile}&exclude=${hostile}`,
      `/api/papers/${hostile}`,
      `/digest.md?category=${hostile}`,
    ]) {
      expect([200, 400, 404]).toContain((await service.get(path)).status);
    }
    expect(service.arxiv.totalRequests()).toBe(before);
    expect(llm.calls()).toBe(calls);
  });
});
