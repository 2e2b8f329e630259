import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { COMBINED_FEED_CAP, fetchAnnouncements } from "../../lib/arxiv/fetch-announcements.js";
import type { FetchPolicy } from "../../lib/arxiv/fetch-feed.js";
import { USER_AGENT } from "../../lib/project.js";
import { type ArxivServer, startArxivServer } from "../helpers/arxiv-server.js";
import { readFixture } from "../helpers/fixtures.js";

const CATEGORIES = ["cs.AI", "cs.CL", "cs.DC", "cs.LG"];
const COMBINED = "/rss/cs.AI+cs.CL+cs.DC+cs.LG";
let arxiv: ArxivServer;
let policy: FetchPolicy;

beforeAll(async () => {
  arxiv = await startArxivServer();
});
afterAll(() => arxiv?.stop());
beforeEach(() => {
  arxiv.reset();
  policy = { baseUrl: arxiv.url, timeoutMs: 1500, minIntervalMs: 0, maxRetries: 2, maxRetryAfterMs: 5000 };
});

describe("fetchAnnouncements", () => {
  it("asks once for all categories, naming the project in the User-Agent", async () => {
    const result = await fetchAnnouncements(CATEGORIES, policy);
    expect(result.requests).toBe(1);
    expect(arxiv.log()).toEqual([expect.objectContaining({ path: COMBINED, userAgent: USER_AGENT })]);
    expect(USER_AGENT).toMatch(/^arxiv-feeds\/\S+ \(\+https:\/\//);
    for (const category of CATEGORIES) {
      const a = result.byCategory[category];
      expect(a?.status).toBe("ok");
      if (a?.status !== "ok") continue;
      expect(a.papers.length).toBeGreaterThan(0);
      expect(a.papers.every((p) => p.categories.includes(category))).toBe(true);
      expect(a.announced).toBe("2026-01-29");
    }
  });

  it("retries a 429 after its Retry-After and then succeeds", async () => {
    arxiv.failNext(COMBINED, "429", 1);
    const result = await fetchAnnouncements(CATEGORIES, policy);
    expect(result.requests).toBe(2);
    expect(result.byCategory["cs.LG"]?.status).toBe("ok");
    const [first, second] = arxiv.log();
    // Retry-After: 1 (second) was honoured.
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(900);
  });

  it("retries 5xx a bounded number of times, then fetches each category on its own", async () => {
    arxiv.setMode(COMBINED, "500");
    arxiv.setMode("/rss/cs.DC", "500");
    const logs: string[] = [];
    const result = await fetchAnnouncements(CATEGORIES, policy, (line) => logs.push(line));
    expect(arxiv.requests()[COMBINED]).toBe(3);
    expect(arxiv.requests()["/rss/cs.DC"]).toBe(3);
    expect(result.byCategory["cs.DC"]).toMatchObject({
      status: "error",
      error: { kind: "http", status: 500 },
    });
    for (const category of ["cs.AI", "cs.CL", "cs.LG"])
      expect(result.byCategory[category]?.status).toBe("ok");
    expect(logs.join("\n")).toContain("fetching each category");
  });

  it("does not hammer arXiv when it is unreachable: no per-category fallback on timeouts", async () => {
    arxiv.setMode("*", "timeout");
    const result = await fetchAnnouncements(CATEGORIES, { ...policy, timeoutMs: 300, maxRetries: 1 });
    expect(arxiv.totalRequests()).toBe(2);
    expect(result.byCategory["cs.AI"]).toMatchObject({ status: "error", error: { kind: "timeout" } });
  });

  it("reports connection resets as network errors", async () => {
    arxiv.setMode("*", "reset");
    const result = await fetchAnnouncements(["cs.LG"], { ...policy, maxRetries: 0 });
    expect(result.byCategory["cs.LG"]).toMatchObject({ status: "error", error: { kind: "network" } });
  });

  it("an empty weekend feed is `empty`, not an error", async () => {
    arxiv.setMode("*", "weekend");
    const result = await fetchAnnouncements(CATEGORIES, policy);
    expect(result.byCategory["cs.LG"]).toMatchObject({ status: "empty", papers: [] });
  });

  it("splits into one request per category when the combined feed is at arXiv's cap", async () => {
    const xml = readFixture("arxiv", "daily", "rss-cs.AI+cs.CL+cs.DC+cs.LG.xml");
    const items = xml.match(/<item>[\s\S]*?<\/item>/g) ?? [];
    const extra: string[] = [];
    for (let i = 0; extra.length + items.length < COMBINED_FEED_CAP; i++) {
      extra.push(
        (items[i % items.length] ?? "")
          .replace(/2601\.(\d{5})/g, (_, n: string) => `2699.${n}`)
          .replace(/<title>/, `<title>copy ${i} `),
      );
    }
    arxiv.setBody(COMBINED, xml.replace("</channel>", `${extra.join("\n")}</channel>`));
    const result = await fetchAnnouncements(CATEGORIES, policy);
    expect(Object.keys(arxiv.requests()).sort()).toEqual(
      [COMBINED, ...CATEGORIES.map((c) => `/rss/${c}`)].sort(),
    );
    expect(result.requests).toBe(5);
    expect(result.byCategory["cs.LG"]?.status).toBe("ok");
  });

  it("stops reading a body past the size cap, with bounded memory, and does not retry it", async () => {
    arxiv.setMode("/rss/cs.LG", "huge");
    const heapBefore = process.memoryUsage().heapUsed;
    const result = await fetchAnnouncements(["cs.LG"], { ...policy, timeoutMs: 20_000 });
    expect(result.byCategory["cs.LG"]).toMatchObject({ status: "error", error: { kind: "parse" } });
    expect(
      result.byCategory["cs.LG"]?.status === "error" && result.byCategory["cs.LG"].error.message,
    ).toContain("larger than");
    expect(arxiv.requests()["/rss/cs.LG"]).toBe(1);
    // The server would send 200 MB; the client kept at most the cap (25 MB) and let it go.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(150 * 1024 * 1024);
  });

  it("parses a malformed feed once, not once per attempt and category", async () => {
    const xml = readFixture("arxiv", "daily", "rss-cs.AI+cs.CL+cs.DC+cs.LG.xml");
    const malformed = xml.slice(0, Math.floor(xml.length / 2));
    for (const path of [COMBINED, ...CATEGORIES.map((c) => `/rss/${c}`)]) arxiv.setBody(path, malformed);
    const result = await fetchAnnouncements(CATEGORIES, policy);
    expect(result.parses).toBe(1);
    // One retry finds the same body; each category then gets it once and is not asked again.
    expect(arxiv.requests()[COMBINED]).toBe(2);
    for (const category of CATEGORIES) {
      expect(arxiv.requests()[`/rss/${category}`]).toBe(1);
      expect(result.byCategory[category]).toMatchObject({ status: "error", error: { kind: "parse" } });
    }
    expect(result.requests).toBe(6);
  });

  it("still retries a garbled body that a second request may get right", async () => {
    arxiv.failNext("/rss/cs.LG", "truncated", 1);
    const result = await fetchAnnouncements(["cs.LG"], policy);
    expect(result.byCategory["cs.LG"]?.status).toBe("ok");
    expect(result).toMatchObject({ requests: 2, parses: 2 });
  });

  it("spaces requests at least minIntervalMs apart", async () => {
    arxiv.setMode(COMBINED, "404");
    await fetchAnnouncements(["cs.AI", "cs.CL"], { ...policy, minIntervalMs: 400, maxRetries: 0 });
    const times = arxiv.log().map((r) => r.at);
    expect(times).toHaveLength(3);
    for (let i = 1; i < times.length; i++)
      // Arrival times at the server: allow for delivery jitter, far above the ~0 ms unspaced.
      expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(350);
  });
});
