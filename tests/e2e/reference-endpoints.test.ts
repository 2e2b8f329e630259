import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CRON_SECRET, type Service, startService } from "../helpers/service.js";
import { openApiValidator } from "../http/openapi-validator.js";

/**
 * `/config`, `/health` and `/update-cache` as a monitoring script written against the reference
 * bot reads them: plain HTTP and JSON field reads, none of our helpers or types.
 */
type Json = Record<string, unknown>;
const CONFIG = JSON.parse(readFileSync("config.json", "utf8")) as Json & {
  categories: string[];
  keywords: string[];
  ai_summary: Json;
};
const LLM_KEY = "sk-reference-test-key-0123456789";
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

let service: Service;
let base: string;
const getJson = async (path: string, init?: RequestInit) => {
  const response = await fetch(base + path, init);
  return { status: response.status, body: (await response.json()) as Json };
};

beforeAll(async () => {
  // An LLM key that must never show; the LLM itself is off (its host is unreachable and unused).
  service = await startService({ env: { [String(CONFIG.ai_summary.api_key_env)]: LLM_KEY } });
  base = service.url;
});
afterAll(() => service?.stop());

describe("the reference bot's endpoints, before the first refresh", () => {
  it("/health says the cache is empty and has never been updated", async () => {
    const { status, body } = await getJson("/health");
    expect(status).toBe(200);
    expect(body.status).toBe("unhealthy");
    expect(body.cache_status).toBe("empty");
    expect(body.last_cache_update).toBeNull();
    expect(body.total_papers_cached).toBe(0);
    expect(body.total_feeds).toBe(CONFIG.categories.length + 1);
    expect(String(body.timestamp)).toMatch(ISO);
  });

  it("/update-cache without the secret is an error in the bot's envelope", async () => {
    const { status, body } = await getJson("/update-cache", { method: "POST" });
    expect(status).toBe(401);
    expect(body.status).toBe("error");
    expect(String(body.message)).toMatch(/authorization/i);
    expect(String(body.timestamp)).toMatch(ISO);
  });
});

describe("the reference bot's endpoints, after /update-cache", () => {
  let update: { status: number; body: Json };
  beforeAll(async () => {
    update = await getJson("/update-cache", {
      method: "POST",
      headers: { authorization: `Bearer ${CRON_SECRET}` },
    });
  });

  it("/update-cache answers success, a timestamp and a message, with our fields beside them", () => {
    expect(update.status).toBe(200);
    expect(update.body.status).toBe("success");
    expect(String(update.body.timestamp)).toMatch(ISO);
    expect(String(update.body.message)).toMatch(/^cache updated: published .*cs\.LG/);
    expect(update.body.refresh_status).toBe("ok");
    expect(update.body.published).toContain("all");
  });

  it("/health is healthy, with the last update, counts and limits the bot gave", async () => {
    const { body } = await getJson("/health");
    expect(body.status).toBe("healthy");
    expect(body.cache_status).toBe("active");
    expect(String(body.last_cache_update)).toMatch(ISO);
    const feeds = body.feeds as Record<string, { count: number }>;
    const total = Object.values(feeds).reduce((sum, feed) => sum + feed.count, 0);
    expect(total).toBeGreaterThan(0);
    expect(body.total_papers_cached).toBe(total);
    expect(body.total_feeds).toBe(CONFIG.categories.length + 1);
    expect(body.max_papers_per_feed).toBe(CONFIG.feed_max_papers ?? 100);
    expect(body.max_days_to_keep).toBe(CONFIG.days_back);
    // Ours stay: the richer report and our own status word.
    expect(body.service_status).toBe("ok");
    expect((body.lastRefresh as Json).status).toBe("ok");
    const openapi = await getJson("/api/openapi.json");
    openApiValidator(openapi.body as never)("ReferenceHealth", body);
  });

  it("/api/health keeps our shape", async () => {
    const { body } = await getJson("/api/health");
    expect(body.status).toBe("ok");
    expect(body.cache_status).toBeUndefined();
  });

  it("/config is the configuration object itself, secrets redacted", async () => {
    const response = await fetch(`${base}/config`);
    const text = await response.text();
    const config = JSON.parse(text) as Json & { ai_summary: Json };
    expect(config.categories).toEqual(CONFIG.categories);
    expect(config.keywords).toEqual(CONFIG.keywords);
    expect(config.max_papers).toBe(CONFIG.max_papers);
    expect(config.ai_summary.model).toBe(CONFIG.ai_summary.model);
    expect(config.config).toBeUndefined();
    expect(text).not.toContain(LLM_KEY);
    expect(text).not.toContain(CRON_SECRET);
    const openapi = await getJson("/api/openapi.json");
    openApiValidator(openapi.body as never)("ReferenceConfig", config);
    // /api/config keeps the richer shape.
    const ours = await getJson("/api/config");
    expect((ours.body.config as Json).categories).toEqual(CONFIG.categories);
  });
});
