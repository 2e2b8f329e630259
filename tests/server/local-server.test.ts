import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Service, startService } from "../helpers/service.js";

let service: Service;
beforeAll(async () => {
  service = await startService();
});
afterAll(() => service?.stop());

describe("local server routes as vercel.json says", () => {
  it("serves the landing page with security headers", async () => {
    const response = await service.get("/");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  });

  it("gives static assets the cache policy vercel.json sets for them, and the page none of it", async () => {
    for (const path of ["/style.css", "/app.js", "/favicon.svg"]) {
      const response = await service.get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get("cache-control"), path).toBe(
        "public, max-age=3600, stale-while-revalidate=86400",
      );
    }
    expect((await service.get("/")).headers.get("cache-control")).not.toContain("max-age=3600");
  });

  it("maps /feed/<category>.json with a dotted category name", async () => {
    expect((await service.refresh()).status).toBe(200);
    const response = await service.get("/feed/cs.LG.json");
    expect(response.status).toBe(200);
    expect(((await response.json()) as { title: string }).title).toContain("cs.LG");
  });

  it("answers HEAD without a body and other methods with 405 and Allow", async () => {
    const head = await service.get("/rss", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    expect(head.headers.get("etag")).toBeTruthy();
    const post = await service.get("/rss", { method: "POST", body: "x" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
  });

  it("never runs a refresh for HEAD on the cron endpoint", async () => {
    const before = service.arxiv.totalRequests();
    const { CRON_SECRET } = await import("../helpers/service.js");
    const head = await service.get("/api/cron/refresh", {
      method: "HEAD",
      headers: { authorization: `Bearer ${CRON_SECRET}` },
    });
    expect(head.status).toBe(405);
    expect(head.headers.get("allow")).toBe("GET, POST");
    expect(service.arxiv.totalRequests()).toBe(before);
  });

  it("404s unknown paths and refuses path traversal", async () => {
    expect((await service.get("/nope")).status).toBe(404);
    expect((await service.get("/..%2f..%2fetc%2fpasswd")).status).toBe(404);
    expect((await service.get("/api/_private")).status).toBe(404);
  });
});
