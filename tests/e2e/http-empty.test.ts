import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CategoriesResponse, HealthResponse, PapersResponse } from "../../lib/api/schemas.js";
import { type Service, startService } from "../helpers/service.js";
import { assertStrictXml, validateJsonFeed } from "../helpers/validate.js";

/** Before the first refresh every endpoint answers, says why it is empty, and is not cached. */
let service: Service;

beforeAll(async () => {
  service = await startService();
});
afterAll(() => service?.stop());

describe("an empty store", () => {
  it("feeds (plain and personal) are valid, empty, explain themselves and are not cached", async () => {
    for (const path of ["/rss", "/rss/cs.LG?keywords=moe", "/atom/cs.DC"]) {
      const response = await service.get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("etag")).toBeNull();
      const xml = await response.text();
      assertStrictXml(xml);
      expect(xml).toContain("No refresh has run yet");
    }
    const json = await (await service.get("/feed.json?authors=x")).text();
    validateJsonFeed(json);
    expect((JSON.parse(json) as { items: unknown[] }).items).toEqual([]);
  });

  it("the API answers with nothing rather than an error", async () => {
    const page = (await (await service.get("/api/papers?keywords=moe")).json()) as PapersResponse;
    expect(page).toMatchObject({
      feed: "all",
      source: "pool",
      version: null,
      total: 0,
      nextCursor: null,
      papers: [],
    });
    const categories = (await (await service.get("/api/categories")).json()) as CategoriesResponse;
    expect(categories.feeds.map((f) => f.count)).toEqual([0, 0, 0, 0, 0]);
    expect((await service.get("/api/papers/2601.00001")).status).toBe(404);
    const digest = await (await service.get("/digest.md")).text();
    expect(digest).toContain("- **Total Papers Found**: 0");
    expect(digest).toContain("No papers yet.");
  });

  it("health says no refresh has run", async () => {
    const response = await service.get("/api/health");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const health = (await response.json()) as HealthResponse;
    expect(health.status).toBe("empty");
    expect(health.lastRefresh).toBeNull();
    expect(health.feeds.all).toEqual({ count: 0, arxivBuiltAt: null });
    expect(health.llm).toBeNull();
  });
});
