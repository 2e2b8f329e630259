import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Service, startService } from "../helpers/service.js";
import { rawHeader, sendRaw } from "../server/raw-http.js";

let service: Service;
beforeAll(async () => {
  service = await startService();
  expect((await service.refresh()).status).toBe(200);
});
afterAll(() => service?.stop());

describe("a client cannot steer the links a shared cache keeps (issue 10, item 8)", () => {
  it("ignores X-Forwarded-Host without TRUST_PROXY", async () => {
    for (const path of ["/rss", "/atom", "/feed.json", "/feeds.opml", "/api/categories"]) {
      const response = await service.get(path, {
        headers: { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" },
      });
      expect(response.status, path).toBe(200);
      const body = await response.text();
      expect(body, path).not.toContain("evil.example");
      expect(body, path).toContain(service.url);
    }
  });

  it("varies on every header the links may come from", async () => {
    const vary = (await service.get("/rss")).headers.get("vary") ?? "";
    for (const name of ["accept-encoding", "host", "x-forwarded-host", "x-forwarded-proto"])
      expect(vary.split(/, */), name).toContain(name);
  });

  it("builds links from the request's own Host only when it is a plain host name", async () => {
    const port = new URL(service.url).port;
    const own = await sendRaw(
      service.url,
      `GET /rss HTTP/1.1\r\nHost: localhost:${port}\r\nConnection: close\r\n\r\n`,
    );
    expect(own.status).toBe(200);
    expect(own.body).toContain(`http://localhost:${port}/rss`);
    expect(rawHeader(own, "vary")).toContain("host");
    const smuggled = await sendRaw(
      service.url,
      "GET /rss HTTP/1.1\r\nHost: evil.example/x\r\nConnection: close\r\n\r\n",
    );
    expect(smuggled.status).toBe(400);
    expect(smuggled.body).not.toContain("<rss");
  });
});

describe("security headers apply to every spelling of the landing page", () => {
  it.each([
    "/",
    "/index.html",
    "/%69ndex.html",
    "/index.htm%6c",
    "/%2findex.html",
    "//index.html",
    "/./index.html",
  ])("%s carries CSP and X-Frame-Options", async (path) => {
    const response = await sendRaw(
      service.url,
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
    );
    expect(response.status).toBe(200);
    expect(response.body).toContain("<html");
    expect(rawHeader(response, "content-security-policy")).toContain("frame-ancestors 'none'");
    expect(rawHeader(response, "x-frame-options")).toBe("DENY");
  });

  it("gives an encoded stylesheet path the stylesheet's cache policy", async () => {
    const response = await service.get("/style.%63ss");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=3600, stale-while-revalidate=86400");
  });
});
