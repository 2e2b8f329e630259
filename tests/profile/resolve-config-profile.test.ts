import { resolve } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadSettings } from "../../lib/config/settings.js";
import { describeMissing, missingPaper } from "../../lib/profile/missing-paper.js";
import { profileLookupFrom } from "../../lib/profile/profile-lookup.js";
import { resolveConfigProfile } from "../../lib/profile/resolve-config-profile.js";
import { resolveProfileLists } from "../../lib/profile/resolve-profile-lists.js";
import { createMemoryStore, type MemoryData } from "../../lib/store/memory.js";
import { type ArxivServer, startArxivServer } from "../helpers/arxiv-server.js";

let arxiv: ArxivServer;
let known: string[];
let data: MemoryData;

beforeAll(async () => {
  arxiv = await startArxivServer();
  known = arxiv.api.corpusIds().filter((id) => id.startsWith("2601."));
});
afterAll(() => arxiv.stop());
beforeEach(() => {
  arxiv.reset();
  data = new Map();
});

const settings = () =>
  loadSettings({
    CONFIG_PATH: resolve("config.json"),
    STORE: "memory",
    ARXIV_API_BASE_URL: arxiv.url,
    ARXIV_MIN_INTERVAL_MS: "150",
  });

describe("profileLookupFrom", () => {
  it("asks the configured API with the deployment's User-Agent and caches for summary_ttl_days", async () => {
    const s = settings();
    const deps = profileLookupFrom(s, createMemoryStore({ data }));
    expect(deps.gateIntervalMs).toBe(150);
    expect(deps.paperTtlSeconds).toBe(s.config.summary_ttl_days * 86_400);
    const outcome = await deps.fetchPapers([known[0] ?? ""], 2000);
    expect(outcome.ok && outcome.papers.map((p) => p.id)).toEqual([known[0]]);
    expect(arxiv.api.log()[0]?.userAgent).toBe(s.userAgent);
  });
});

describe("resolveProfileLists", () => {
  it("resolves like and dislike in one request and splits them back, each in the order named", async () => {
    const deps = { ...profileLookupFrom(settings(), createMemoryStore({ data })), budgetMs: 3000 };
    const like = [{ id: known[2] ?? "" }, { id: known[0] ?? "", version: 1 }, { id: "2601.99999" }];
    const dislike = [{ id: known[5] ?? "" }, { id: known[2] ?? "", version: 3 }];
    const result = await resolveProfileLists({ like, dislike }, deps);
    expect(result.like.map((p) => p.id)).toEqual([known[2], known[0]]);
    expect(result.dislike.map((p) => p.id)).toEqual([known[5], known[2]]);
    expect(result.missing.map((m) => m.id)).toEqual(["2601.99999"]);
    expect(arxiv.api.log().map((r) => r.ids)).toEqual([[known[2], known[0], "2601.99999", known[5]]]);
  });
});

describe("resolveConfigProfile", () => {
  it("reads config.json's ids and links, waits on arXiv longer than a feed request, and names what it could not read", async () => {
    const deps = profileLookupFrom(settings(), createMemoryStore({ data }));
    arxiv.api.setMode("slow");
    arxiv.api.setSlowMs(1500);
    const result = await resolveConfigProfile(
      {
        like: [`https://arxiv.org/abs/${known[0]}v1`, "not an id"],
        dislike: [`arXiv:${known[1]}`],
      },
      deps,
    );
    expect(result.like.map((p) => p.id)).toEqual([known[0]]);
    expect(result.dislike.map((p) => p.id)).toEqual([known[1]]);
    expect(result.missing).toEqual([missingPaper("not an id", "malformed", "not an arXiv id or link")]);
  });

  it("asks again ids whose last lookup failed, where a feed request would not", async () => {
    const store = createMemoryStore({ data });
    const deps = profileLookupFrom(settings(), store);
    arxiv.api.failNext("503", 1);
    const feed = await resolveProfileLists(
      { like: [{ id: known[0] ?? "" }], dislike: [] },
      { ...deps, budgetMs: 2000 },
    );
    expect(feed.missing[0]?.reason).toBe("unavailable");
    await new Promise((done) => setTimeout(done, 200));
    const refresh = await resolveConfigProfile({ like: [known[0] ?? ""] }, deps);
    expect(refresh.like.map((p) => p.id)).toEqual([known[0]]);
    expect(arxiv.api.log()).toHaveLength(2);
  });
});

describe("describeMissing", () => {
  it("says nothing when nothing is missing, else one line naming each id and why", () => {
    expect(describeMissing([])).toBeUndefined();
    expect(describeMissing([missingPaper("2601.99999", "unknown")])).toBe(
      "1 named paper is not used yet: 2601.99999: arXiv has no paper with this id.",
    );
    expect(
      describeMissing([
        missingPaper("2601.00001", "pending", "arXiv's API is asked at most once every 3 s"),
        missingPaper("2601.00002", "unavailable", "HTTP 503 Service Unavailable"),
      ]),
    ).toBe(
      "2 named papers are not used yet: 2601.00001: not looked up yet (arXiv's API is asked at most once every 3 s), a later request will; 2601.00002: arXiv's API failed (HTTP 503 Service Unavailable), asked again later.",
    );
  });
});
