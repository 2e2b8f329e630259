import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Service, startService } from "../helpers/service.js";
import { sendRaw } from "./raw-http.js";

let service: Service;
beforeAll(async () => {
  service = await startService();
  expect((await service.refresh()).status).toBe(200);
});
afterAll(() => service?.stop());

/** mulberry32: the same requests on every run, so a failure names a request that reproduces. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const METHODS = ["GET", "GET", "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"];
const ODD_METHODS = [
  "CONNECT",
  "PROPFIND",
  "PURGE",
  "SEARCH",
  "MKCOL",
  "get",
  "FOO",
  "G\x00T",
  "",
  "M".repeat(300),
];

const TARGETS = [
  "/",
  "/rss",
  "/rss/cs.LG",
  "/atom/cs.AI",
  "/feed.json",
  "/feed/cs.LG.json",
  "/feeds.opml",
  "/digest.md",
  "/health",
  "/config",
  "/api/openapi.json",
  "/api/papers?category=cs.CL&min_score=5",
  "/api/papers?min_score=abc",
  "/api/papers?cursor=%",
  "/api/papers/%",
  "/api/papers/2601.00001",
  "/api/_private",
  "/api/cron/refresh",
  "/update-cache",
  "/rss/cs.LG/../../api/cron/refresh",
  "//u:p@x/",
  "//evil.example/rss",
  "http://127.0.0.1/rss",
  "http://u:p@127.0.0.1/",
  "https://[::1]:3000/rss",
  "http://[/",
  "http://a@evil/",
  "HTTP://127.0.0.1:1/feed.json",
  "ftp://x/",
  "*",
  "x",
  "",
  "/%",
  "/%zz",
  "/%C0%AF",
  "/%00",
  "/%ff%fe",
  "/..%2f..%2fetc%2fpasswd",
  "/%2e%2e/%2e%2e/etc/passwd",
  "/\\..\\..\\etc\\passwd",
  "/index.htm%6c",
  "/%69ndex.html",
  "/%2findex.html",
  "/rss#frag",
  "/rss/%F0%9F%92%A9",
  "/feed/%ff.json",
  "/\xe9",
  "/?q=\x7f",
  "/rss?format=%",
  `/api/papers?category=${"%".repeat(50)}`,
  `/rss?${"a=b&".repeat(1500)}`,
  `/${"a".repeat(9000)}`,
];
const VERSIONS = [
  "HTTP/1.1",
  "HTTP/1.1",
  "HTTP/1.1",
  "HTTP/1.0",
  "HTTP/2.0",
  "HTTP/9.9",
  "http/1.1",
  "HTTP/1.",
  "",
];
const HOSTS = [
  "[",
  "a@evil",
  "",
  "evil.example",
  ":80",
  "x:99999",
  "1.2.3.999",
  "\xe9vil",
  "a b",
  "a/b",
  "[::1]",
  "[::zz]",
  "h".repeat(300),
  "localhost:0",
  "a..b",
  "-",
  "_",
  "127.0.0.1, evil.example",
];
const HEADERS = [
  "X-Forwarded-Host: evil.example",
  "X-Forwarded-Proto: gopher",
  "X-Forwarded-Host: a@b, [",
  "Content-Length: abc",
  "Content-Length: -1",
  "Content-Length: 1\r\nContent-Length: 2",
  "Transfer-Encoding: chunked\r\nContent-Length: 3",
  "NoColon",
  "Bad Name: x",
  " leading: space",
  "X-Fold: a\r\n continued",
  "X-Nul: a\x00b",
  "X-Ctl: \x01\x02",
  "X-High: \xff\xfe",
  `If-None-Match: ${'"x",'.repeat(500)}`,
  "If-None-Match: *",
  "If-Modified-Since: not a date",
  `Accept-Encoding: ${"gzip;q=".repeat(200)}`,
  "Range: bytes=9-1",
  `Authorization: Bearer ${"x".repeat(1000)}`,
  `Cookie: ${"a=b; ".repeat(1000)}`,
  "Connection: Upgrade\r\nUpgrade: websocket",
  "Accept: */*;q=x",
  `X-Huge: ${"h".repeat(20_000)}`,
  Array.from({ length: 150 }, (_, i) => `X-${i}: v`).join("\r\n"),
];
const BODIES = [
  "",
  "",
  "Content-Length: 5\r\n\r\nhello",
  "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
  "Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
];

/** One request: mostly well-formed lines with one or two odd parts, so it reaches past the parser. */
function oddRequest(next: () => number, port: string): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const method = next() < 0.85 ? pick(METHODS) : pick(ODD_METHODS);
  const target = pick(TARGETS);
  const line = `${method} ${target} ${next() < 0.85 ? "HTTP/1.1" : pick(VERSIONS)}`;
  const headers: string[] = [];
  if (next() < 0.9) headers.push(`Host: ${next() < 0.65 ? `127.0.0.1:${port}` : pick(HOSTS)}`);
  if (next() < 0.05) headers.push(`Host: ${pick(HOSTS)}`);
  for (let n = Math.floor(next() * 3); n > 0; n--) headers.push(pick(HEADERS));
  const eol = next() < 0.95 ? "\r\n" : "\n";
  const body = pick(BODIES);
  const head = [line, ...headers].join(eol);
  return body ? `${head}${eol}${body}` : `${head}${eol}${eol}`;
}

/** Runs `tasks` with at most `limit` at a time. */
async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = [];
  let index = 0;
  const worker = async () => {
    while (index < tasks.length) {
      const mine = index++;
      results[mine] = await (tasks[mine] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

const BATCHES = 12;
const PER_BATCH = 250;

describe("the local server under a few thousand malformed or odd requests", () => {
  it("answers every one with a status below 500 and still serves a feed after each batch", async () => {
    const next = random(10_3);
    const port = new URL(service.url).port;
    for (let batch = 0; batch < BATCHES; batch++) {
      const requests = Array.from({ length: PER_BATCH }, () => oddRequest(next, port));
      const answers = await pool(
        requests.map((bytes) => () => sendRaw(service.url, bytes, { until: "head", timeoutMs: 30_000 })),
        16,
      );
      const bad = answers
        .map((answer, i) => ({ status: answer.status, request: JSON.stringify(requests[i]).slice(0, 200) }))
        .filter(({ status }) => status === undefined || status >= 500);
      expect(bad, `batch ${batch}`).toEqual([]);
      const feed = await service.get("/rss");
      expect(feed.status, `after batch ${batch}`).toBe(200);
      expect(await feed.text()).toContain("<rss");
    }
  }, 300_000);
});
