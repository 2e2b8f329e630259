/**
 * The local server writes a memoised body straight to the socket (lib/http/bytes-response.ts).
 * What reaches the client must be what the handler's own Response holds, read the way any
 * consumer reads it, with the headers the server adds (vercel.json's rules, Vary) on top.
 */
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyHeaderRules, loadHeaderRules } from "../../lib/server/headers.js";
import { applyRewrites, loadRewrites } from "../../lib/server/rewrites.js";
import { type Service, startService } from "../helpers/service.js";

let service: Service;
beforeAll(async () => {
  service = await startService();
  expect((await service.refresh()).status).toBe(200);
});
afterAll(() => service?.stop());

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** One GET as a client sees it: every header as sent (lower-cased), the body as bytes. */
function get(path: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    request(service.url + path, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const headers: Record<string, string> = {};
        for (let i = 0; i < res.rawHeaders.length; i += 2)
          headers[(res.rawHeaders[i] ?? "").toLowerCase()] = res.rawHeaders[i + 1] ?? "";
        resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
      });
      res.on("error", reject);
    })
      .on("error", reject)
      .end();
  });
}

/** The answer of the `api/` function itself for `path`, with the server's additions, read with arrayBuffer(). */
async function expected(path: string): Promise<Answer> {
  const url = new URL(service.url + path);
  const target = url.pathname.startsWith("/api/") ? url : applyRewrites(url, loadRewrites("vercel.json"));
  if (!target) throw new Error(`no rewrite for ${path}`);
  const name = target.pathname.replace(/^\/api\//, "");
  const module = (await import(`../../api/${name}.ts`)) as { GET: (r: Request) => Promise<Response> };
  const raw = await module.GET(
    new Request(target, { headers: { host: url.host, "x-real-ip": "127.0.0.1" } }),
  );
  const response = applyHeaderRules(raw, url.pathname, loadHeaderRules("vercel.json"));
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  headers.vary = `${headers.vary ? `${headers.vary}, ` : ""}host, x-forwarded-host, x-forwarded-proto`;
  return { status: response.status, headers, body: Buffer.from(await response.arrayBuffer()) };
}

/** The headers that describe the connection, not the response. */
const framing = new Set(["date", "connection", "keep-alive", "content-length", "transfer-encoding"]);
const withoutFraming = (headers: Record<string, string>) =>
  Object.fromEntries(Object.entries(headers).filter(([key]) => !framing.has(key)));

describe("a memoised response through the local server", () => {
  for (const path of [
    "/rss/cs.LG",
    "/atom",
    "/feed/cs.AI.json",
    "/api/papers?category=cs.LG",
    "/api/health",
  ]) {
    it(`${path}: the handler's bytes and headers, first and warm, with its length`, async () => {
      const want = await expected(path);
      for (const round of ["first", "warm"]) {
        const got = await get(path);
        expect(got.status, round).toBe(want.status);
        expect(got.body.equals(want.body), `${round}: body differs`).toBe(true);
        expect(withoutFraming(got.headers), round).toEqual(withoutFraming(want.headers));
        expect(got.headers["content-length"], round).toBe(String(want.body.length));
        expect(got.headers["transfer-encoding"], round).toBeUndefined();
      }
    });
  }

  it("a static file goes out the same way: the file's bytes, vercel.json's headers, its length", async () => {
    const { readFileSync } = await import("node:fs");
    const got = await get("/style.css");
    expect(got.body.equals(readFileSync("public/style.css"))).toBe(true);
    expect(got.headers["cache-control"]).toBe("public, max-age=3600, stale-while-revalidate=86400");
    expect(got.headers["content-length"]).toBe(String(got.body.length));
  });

  it("a 304 and a HEAD carry no body", async () => {
    const first = await get("/rss/cs.LG");
    const etag = first.headers.etag ?? "";
    const notModified = await new Promise<Answer>((resolve, reject) => {
      request(`${service.url}/rss/cs.LG`, { headers: { "if-none-match": etag } }, (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: {}, body: Buffer.alloc(0) }));
      })
        .on("error", reject)
        .end();
    });
    expect(notModified.status).toBe(304);
    const head = await service.get("/rss/cs.LG", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });
});
