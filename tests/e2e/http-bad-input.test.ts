import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DigestParamsSchema,
  FeedFilterParamsSchema,
  OpmlParamsSchema,
  PapersParamsSchema,
} from "../../lib/api/params.js";
import { type Service, startService } from "../helpers/service.js";

/**
 * Bad parameters and paths: each is a 400 naming the parameter (or a 404 for an unknown feed or
 * paper), never a 500, checked by table and by a fast-check property over parameters and paths.
 */
let service: Service;

beforeAll(async () => {
  service = await startService();
  expect((await service.refresh()).status).toBe(200);
});
afterAll(() => service?.stop());

const long = (n: number) => "x".repeat(n);
const list = (n: number) => Array.from({ length: n }, (_, i) => `k${i}`).join(",");

const NUMBER_BAD = ["-1", "abc", "1e400", "NaN", "Infinity", "0x10", "1,5", "--1", "1 2", "9".repeat(40)];
const FILTER_BAD: Record<string, string[]> = {
  keywords: [long(101), list(21), ",,,", " , ", "a\u0001b", long(2001), "<b>\u007f</b>"],
  exclude: [long(101), list(21), ","],
  authors: [long(101), list(21), "\u0000"],
  min_score: [...NUMBER_BAD, "1001"],
  limit: [...NUMBER_BAD, "0", "201", "1.5", "-0.5"],
  cross_lists: ["yes", "2", "on", "' OR 1=1 --"],
};
const API_BAD: Record<string, string[]> = {
  category: [long(101)],
  q: [long(201), "x\u0007"],
  author: [long(101)],
  keywords: FILTER_BAD.keywords ?? [],
  exclude: FILTER_BAD.exclude ?? [],
  min_score: FILTER_BAD.min_score ?? [],
  since: ["yesterday", "2024-13-01", "2024-02-30", "2023-02-29", "20240101", "2024-1-1", "<script>"],
  limit: FILTER_BAD.limit ?? [],
  cursor: ["abc", "eyJ2IjoxfQ", long(201), "../../../etc/passwd", "'; DROP TABLE papers; --"],
};

const errorOf = async (response: Response) => {
  expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
  return ((await response.json()) as { error: { status: number; message: string; parameter?: string } })
    .error;
};

describe("each bad parameter is a 400 that names it and its rule", () => {
  for (const base of ["/rss/cs.LG", "/atom", "/feed/cs.DC.json"]) {
    for (const [parameter, values] of Object.entries(FILTER_BAD)) {
      it(`${base} ${parameter}`, async () => {
        for (const value of values) {
          const response = await service.get(`${base}?${new URLSearchParams({ [parameter]: value })}`);
          expect(response.status, `${parameter}=${JSON.stringify(value)}`).toBe(400);
          const error = await errorOf(response);
          expect(error.parameter).toBe(parameter);
          expect(error.message.startsWith(parameter)).toBe(true);
          expect(error.message).toMatch(/must|given/);
        }
      });
    }
  }

  for (const [parameter, values] of Object.entries(API_BAD)) {
    it(`/api/papers ${parameter}`, async () => {
      for (const value of values) {
        const response = await service.get(`/api/papers?${new URLSearchParams({ [parameter]: value })}`);
        expect(response.status, `${parameter}=${JSON.stringify(value)}`).toBe(400);
        expect((await errorOf(response)).parameter).toBe(parameter);
      }
    });
  }

  it("a parameter given twice is a 400 naming it", async () => {
    for (const path of [
      "/rss?keywords=a&keywords=b",
      "/api/papers?limit=1&limit=2",
      "/api/papers?category=cs.LG&category=cs.AI",
      "/digest.md?category=cs.LG&category=cs.LG",
      "/feeds.opml?format=rss&format=rss",
      "/api/feed?format=rss&format=atom",
    ]) {
      const response = await service.get(path);
      expect(response.status, path).toBe(400);
      expect((await errorOf(response)).message).toContain("given 2 times");
    }
  });

  it("unknown feeds are 404 listing the valid ones, on every route that takes one", async () => {
    for (const path of [
      "/rss/cs.XX",
      "/feed/math.GT.json",
      "/api/papers?category=physics",
      "/digest.md?category=all2",
    ]) {
      const response = await service.get(path);
      expect(response.status, path).toBe(404);
      expect((await errorOf(response)).message).toContain("valid feeds");
    }
  });

  it("blank values count as absent (a form left empty still works)", async () => {
    for (const path of [
      "/rss/cs.LG?keywords=&min_score=&limit=",
      "/api/papers?q=&since=&cursor=",
      "/feeds.opml?format=",
    ]) {
      const response = await service.get(path);
      expect(response.status, path).toBe(200);
      await response.arrayBuffer();
    }
  });
});

describe("no parameter or path makes a 500", () => {
  // Every parameter any endpoint declares (so a new one is fuzzed without editing this list),
  // plus the ones only the router uses and one no endpoint knows.
  const NAMES = [
    ...new Set([
      ...[FeedFilterParamsSchema, PapersParamsSchema, DigestParamsSchema, OpmlParamsSchema].flatMap(
        (schema) => Object.keys(schema.shape),
      ),
      "category",
      "format",
      "id",
      "x",
    ]),
  ];
  const HOSTILE = [
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "$" + "{7*7}",
    "{{7*7}}",
    "\u0000",
    "\uFFFE",
    "%00",
    "a".repeat(3000),
    "-1",
    "1e309",
    "0",
    "200",
    "2024-02-29",
    "cs.LG",
    "all",
    "(a+)+$",
    "\\",
    "]]>",
  ];
  const value = fc.oneof(
    fc.constantFrom(...HOSTILE),
    fc.string({ maxLength: 40 }),
    fc.string({ unit: "grapheme", maxLength: 40 }),
    fc.double().map(String),
    fc.integer().map(String),
  );
  const query = fc.array(fc.tuple(fc.constantFrom(...NAMES), value), { maxLength: 4 });
  const segment = fc.oneof(
    fc.constantFrom("cs.LG", "all", "2601.20179", "hep-ex/0101001", "..", "%2e%2e", "cs.LG.json"),
    fc.string({ unit: "grapheme", minLength: 1, maxLength: 60 }).map(encodeURIComponent),
  );
  const path = fc.oneof(
    fc.constantFrom(
      "/rss",
      "/atom",
      "/feed.json",
      "/api/papers",
      "/api/categories",
      "/feeds.opml",
      "/digest.md",
      "/api/health",
      "/health",
      "/api/config",
      "/config",
      "/api/openapi.json",
      "/",
      "/style.css",
      "/api/cron/refresh",
      "/update-cache",
    ),
    segment.map((s) => `/rss/${s}`),
    segment.map((s) => `/atom/${s}`),
    segment.map((s) => `/feed/${s}.json`),
    segment.map((s) => `/api/papers/${s}`),
  );

  // Any method, with or without a validator: never a 5xx. The cron answers 401 without its secret.
  const method = fc.constantFrom("GET", "GET", "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH");
  const validator = fc.constantFrom(undefined, '"x"', "*");

  it("answers 2xx, 304, 400, 401, 404 or 405, with a JSON error naming the status", async () => {
    await fc.assert(
      fc.asyncProperty(path, query, method, validator, async (p, q, m, ifNoneMatch) => {
        const search = new URLSearchParams(q).toString();
        const url = search ? `${p}?${search}` : p;
        const headers: Record<string, string> = ifNoneMatch ? { "if-none-match": ifNoneMatch } : {};
        const response = await service.get(url, { method: m, headers });
        const cron = p === "/api/cron/refresh" || p === "/update-cache";
        const allowed = cron ? [401, 405] : [200, 304, 400, 404, 405];
        expect(allowed, `${response.status} for ${m} ${url}`).toContain(response.status);
        if (m === "HEAD" || response.status === 304) {
          expect((await response.arrayBuffer()).byteLength).toBe(0);
        } else if (response.status !== 200) {
          const error = await errorOf(response);
          expect(error.status).toBe(response.status);
          if (response.status === 400) expect(typeof error.parameter).toBe("string");
        } else {
          await response.arrayBuffer();
        }
      }),
      { numRuns: 150 },
    );
  });
});
