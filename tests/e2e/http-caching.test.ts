import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PapersResponse } from "../../lib/api/schemas.js";
import { type Service, startService } from "../helpers/service.js";
import { endpoints } from "../http/support.js";

/**
 * Every endpoint through the local server: status, Content-Type, strong ETag and Last-Modified,
 * 304 on repeat (If-None-Match and If-Modified-Since), Cache-Control, CDN cache tags, CORS,
 * HEAD without a body, OPTIONS, and 405 with Allow for other methods.
 */
let service: Service;
let paperId: string;

beforeAll(async () => {
  service = await startService();
  expect((await service.refresh()).status).toBe(200);
  const page = (await (await service.get("/api/papers?limit=1")).json()) as PapersResponse;
  paperId = `${page.papers[0]?.id}`;
});
afterAll(() => service?.stop());

describe("every endpoint answers GET with validators, caching headers and CORS", () => {
  it("returns 200, the right Content-Type, a strong ETag, Last-Modified, Cache-Control and a cache tag", async () => {
    for (const endpoint of endpoints(paperId)) {
      const response = await service.get(endpoint.path);
      expect(response.status, endpoint.path).toBe(200);
      expect(response.headers.get("content-type"), endpoint.path).toBe(endpoint.type);
      expect(response.headers.get("etag"), endpoint.path).toMatch(/^"[A-Za-z0-9_-]{20,}"$/);
      const lastModified = response.headers.get("last-modified") ?? "";
      expect(Number.isNaN(Date.parse(lastModified)), endpoint.path).toBe(false);
      expect(new Date(lastModified).toUTCString()).toBe(lastModified);
      const cacheControl = response.headers.get("cache-control") ?? "";
      expect(cacheControl, endpoint.path).toMatch(
        /^public, max-age=0, must-revalidate, s-maxage=\d+, stale-while-revalidate=\d+$/,
      );
      expect(response.headers.get("vercel-cache-tag"), endpoint.path).toMatch(
        /^axf(,axf:[a-z]+(:[A-Za-z.-]+)?)+$/,
      );
      expect(response.headers.get("access-control-allow-origin"), endpoint.path).toBe("*");
      expect(response.headers.get("access-control-expose-headers")).toContain("etag");
      expect((await response.arrayBuffer()).byteLength, endpoint.path).toBeGreaterThan(0);
    }
  });

  it("feeds and the API are held by the CDN until after the next expected refresh (at most 6 h)", async () => {
    for (const path of ["/rss/cs.LG", "/api/papers", "/digest.md"]) {
      const cdn = Number(
        /s-maxage=(\d+)/.exec((await service.get(path)).headers.get("cache-control") ?? "")?.[1],
      );
      expect(cdn, path).toBeGreaterThanOrEqual(60);
      expect(cdn, path).toBeLessThanOrEqual(6 * 3600);
    }
    expect((await service.get("/api/health")).headers.get("cache-control")).toContain("s-maxage=60");
  });

  it("tags each response with what it was built from, so the cron can purge exactly that", async () => {
    const tag = async (path: string) => (await service.get(path)).headers.get("vercel-cache-tag")?.split(",");
    expect(await tag("/rss/cs.LG")).toEqual(["axf", "axf:feed:cs.LG"]);
    expect(await tag("/rss/cs.LG?keywords=moe")).toEqual(["axf", "axf:feed:cs.LG"]);
    expect(await tag("/api/papers?category=cs.DC")).toEqual(["axf", "axf:feed:cs.DC"]);
    expect(await tag("/api/categories")).toEqual(["axf", "axf:feeds"]);
    expect(await tag(`/api/papers/${paperId}`)).toEqual(["axf", "axf:feeds"]);
    expect(await tag("/api/health")).toEqual(["axf", "axf:meta"]);
    expect(await tag("/api/config")).toEqual(["axf", "axf:static"]);
  });
});

describe("conditional GET", () => {
  it("answers a repeat with If-None-Match with 304, no body, and the same validators", async () => {
    for (const endpoint of endpoints(paperId)) {
      const first = await service.get(endpoint.path);
      const etag = first.headers.get("etag") ?? "";
      await first.arrayBuffer();
      const repeat = await service.get(endpoint.path, { headers: { "if-none-match": etag } });
      expect(repeat.status, endpoint.path).toBe(304);
      expect(await repeat.text(), endpoint.path).toBe("");
      expect(repeat.headers.get("etag")).toBe(etag);
      expect(repeat.headers.get("last-modified")).toBe(first.headers.get("last-modified"));
      // s-maxage counts down to the next announcement, so the two may be a second apart.
      const policy = (r: Response) =>
        (r.headers.get("cache-control") ?? "").replace(/s-maxage=\d+/, "s-maxage=N");
      expect(policy(repeat)).toBe(policy(first));
    }
  });

  it("answers a repeat with If-Modified-Since with 304, and an older date with 200", async () => {
    for (const endpoint of endpoints(paperId)) {
      const first = await service.get(endpoint.path);
      const lastModified = first.headers.get("last-modified") ?? "";
      await first.arrayBuffer();
      const repeat = await service.get(endpoint.path, { headers: { "if-modified-since": lastModified } });
      expect(repeat.status, endpoint.path).toBe(304);
      expect(await repeat.text()).toBe("");
      const older = new Date(Date.parse(lastModified) - 1000).toUTCString();
      const stale = await service.get(endpoint.path, { headers: { "if-modified-since": older } });
      expect(stale.status, endpoint.path).toBe(200);
      await stale.arrayBuffer();
    }
  });

  it("If-None-Match wins over If-Modified-Since, and a weak or listed tag matches", async () => {
    const etag = (await service.get("/api/papers")).headers.get("etag") ?? "";
    const lastModified = (await service.get("/api/papers")).headers.get("last-modified") ?? "";
    const other = await service.get("/api/papers", {
      headers: { "if-none-match": '"nope"', "if-modified-since": lastModified },
    });
    expect(other.status).toBe(200);
    await other.arrayBuffer();
    expect(
      (await service.get("/api/papers", { headers: { "if-none-match": `"x", W/${etag}` } })).status,
    ).toBe(304);
  });

  it("gives each query its own ETag, and the same ETag to the same filter written differently", async () => {
    const etag = async (path: string) => (await service.get(path)).headers.get("etag");
    const plain = await etag("/rss/cs.LG");
    const personal = await etag("/rss/cs.LG?keywords=moe,speculative+decoding");
    expect(personal).not.toBe(plain);
    expect(await etag("/rss/cs.LG?keywords=%20moe%20,%20speculative%20%20decoding,")).toBe(personal);
    expect(await etag("/atom/cs.LG?keywords=moe,speculative+decoding")).not.toBe(personal);
    expect(await etag("/api/papers?limit=5")).not.toBe(await etag("/api/papers?limit=6"));
    // Feed readers' tracking parameters do not split the cache.
    expect(await etag("/rss/cs.LG?utm_source=reader")).toBe(plain);
  });

  it("changes every snapshot ETag when a refresh publishes, so readers fetch again", async () => {
    const paths = [
      "/rss/cs.LG",
      "/api/papers",
      "/api/categories",
      `/api/papers/${paperId}`,
      "/digest.md",
      "/api/health",
    ];
    const before = await Promise.all(paths.map(async (p) => (await service.get(p)).headers.get("etag")));
    expect((await service.refresh()).status).toBe(200);
    for (const [index, path] of paths.entries()) {
      const response = await service.get(path, { headers: { "if-none-match": before[index] ?? "" } });
      expect(response.status, path).toBe(200);
      await response.arrayBuffer();
    }
  });
});

describe("methods", () => {
  it("HEAD answers like GET without a body", async () => {
    for (const endpoint of endpoints(paperId)) {
      const get = await service.get(endpoint.path);
      await get.arrayBuffer();
      const head = await service.get(endpoint.path, { method: "HEAD" });
      expect(head.status, endpoint.path).toBe(200);
      expect(head.headers.get("content-type")).toBe(endpoint.type);
      expect(head.headers.get("etag")).toBe(get.headers.get("etag"));
      expect(await head.text()).toBe("");
    }
  });

  it("other methods get 405 with Allow, as JSON, still CORS-open", async () => {
    for (const endpoint of endpoints(paperId)) {
      for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
        const response = await service.get(endpoint.path, {
          method,
          body: method === "DELETE" ? undefined : "x",
        });
        expect(response.status, `${method} ${endpoint.path}`).toBe(405);
        expect(response.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
        expect(response.headers.get("access-control-allow-origin")).toBe("*");
        const body = (await response.json()) as { error: { status: number; message: string } };
        expect(body.error.status).toBe(405);
        expect(body.error.message).toContain(method);
      }
    }
  });

  it("OPTIONS answers a CORS preflight with 204", async () => {
    const response = await service.get("/api/papers", {
      method: "OPTIONS",
      headers: { origin: "https://example.org", "access-control-request-method": "GET" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-methods")).toBe("GET, HEAD, OPTIONS");
    expect(response.headers.get("access-control-allow-headers")).toContain("if-none-match");
  });

  it("errors are JSON, not cached, and CORS-open", async () => {
    for (const path of [
      "/api/papers?limit=0",
      "/rss/cs.XX",
      "/api/papers/not-an-id",
      "/api/papers/2601.99999",
    ]) {
      const response = await service.get(path);
      expect([400, 404], path).toContain(response.status);
      expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      expect(response.headers.get("etag")).toBeNull();
      await response.json();
    }
  });
});
