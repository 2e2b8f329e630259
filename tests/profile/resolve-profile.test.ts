import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fetchApiPapers } from "../../lib/arxiv/api-query.js";
import { EnvSchema } from "../../lib/config/env.js";
import { namedPaperKey, namedTriedKey } from "../../lib/profile/profile-keys.js";
import { type ProfileLookup, resolveProfile } from "../../lib/profile/resolve-profile.js";
import { createFileStore } from "../../lib/store/file.js";
import { readLockHolder } from "../../lib/store/lock-holder.js";
import { createMemoryStore, type MemoryData } from "../../lib/store/memory.js";
import { type Store, StoreUnavailableError } from "../../lib/store/types.js";
import { type ArxivServer, startArxivServer } from "../helpers/arxiv-server.js";
import { readFixture } from "../helpers/fixtures.js";

let arxiv: ArxivServer;
let data: MemoryData;
let store: Store;
let known: string[];

beforeAll(async () => {
  arxiv = await startArxivServer();
  known = arxiv.api.corpusIds().filter((id) => id.startsWith("2601."));
});
afterAll(() => arxiv.stop());
beforeEach(() => {
  arxiv.reset();
  data = new Map();
  store = createMemoryStore({ data });
});

const PAPER_TTL_SECONDS = 90 * 86_400;
const ids = (...list: string[]) => list.map((id) => ({ id }));

/** The lookup a feed request makes, against the fake arXiv, with a short gate unless told. */
const lookup = (over: Partial<ProfileLookup> = {}): ProfileLookup => ({
  store,
  fetchPapers: (list, timeoutMs) =>
    fetchApiPapers(list, { baseUrl: arxiv.url, timeoutMs: Math.min(5000, timeoutMs) }),
  budgetMs: 3000,
  paperTtlSeconds: PAPER_TTL_SECONDS,
  gateIntervalMs: 200,
  ...over,
});

/** A store that counts its commands. */
function counting(inner: Store) {
  const calls: string[] = [];
  const counted: Store = {
    ...inner,
    get: (key) => {
      calls.push("get");
      return inner.get(key);
    },
    getMany: (keys) => {
      calls.push("getMany");
      return inner.getMany(keys);
    },
    publish: (entries, options) => {
      calls.push("publish");
      return inner.publish(entries, options);
    },
  };
  return { store: counted, calls };
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe("resolveProfile", () => {
  it("takes papers at hand as they are, compact, asking neither the store nor arXiv", async () => {
    const { store: counted, calls } = counting(store);
    const paper = {
      id: "2601.20273",
      version: 2,
      title: "T",
      abstract: "A",
      authors: ["X"],
      categories: ["cs.DC"],
      announced: "2026-01-29",
      score: 12,
    };
    const result = await resolveProfile(
      ids("2601.20273"),
      lookup({ store: counted, atHand: new Map([[paper.id, paper]]) }),
    );
    const { score: _score, ...named } = paper;
    expect(result).toEqual({ papers: [named], missing: [] });
    expect(calls).toEqual([]);
    expect(arxiv.api.log()).toHaveLength(0);
  });

  it("looks up the rest in one store read and one API request, caches them for the summary TTL, then asks nobody", async () => {
    expect(known[0]).toBe("2601.20273");
    const wanted = [known[3], known[0], known[7]].map((id) => ({ id: id ?? "" }));
    const { store: counted, calls } = counting(store);
    const first = await resolveProfile(wanted, lookup({ store: counted }));
    expect(first.missing).toEqual([]);
    expect(first.papers.map((p) => p.id)).toEqual(wanted.map((w) => w.id));
    expect(arxiv.api.log()).toHaveLength(1);
    expect(calls.filter((c) => c === "getMany")).toHaveLength(1);
    const entry = data.get(namedPaperKey("2601.20273"));
    expect(JSON.parse(entry?.json ?? "{}").title).toMatch(/StreamFusion/);
    expect(((entry?.expiresAt ?? 0) - Date.now()) / 1000).toBeGreaterThan(PAPER_TTL_SECONDS - 60);

    calls.length = 0;
    const again = await resolveProfile(wanted, lookup({ store: counted }));
    expect(again).toEqual(first);
    expect(arxiv.api.log()).toHaveLength(1);
    expect(calls).toEqual(["getMany"]);
  });

  it("asks arXiv at most once per unknown id while its marker lasts, and again after", async () => {
    const deps = lookup({ triedTtlSeconds: 0.5 });
    const first = await resolveProfile(ids("2601.99999", known[0] ?? ""), deps);
    expect(first.papers.map((p) => p.id)).toEqual([known[0]]);
    expect(first.missing).toEqual([
      { id: "2601.99999", reason: "unknown", message: "2601.99999: arXiv has no paper with this id" },
    ]);
    const started = performance.now();
    const second = await resolveProfile(ids("2601.99999"), deps);
    expect(performance.now() - started).toBeLessThan(100);
    expect(second.missing[0]?.reason).toBe("unknown");
    expect(arxiv.api.log()).toHaveLength(1);
    await sleep(600);
    await resolveProfile(ids("2601.99999"), deps);
    expect(arxiv.api.log().map((r) => r.ids)).toEqual([["2601.99999", known[0]], ["2601.99999"]]);
  });

  it("sends more than 50 ids as batches of 50, each behind the gate", async () => {
    const many = known.slice(0, 70);
    const result = await resolveProfile(ids(...many), lookup({ budgetMs: 5000 }));
    expect(result.papers).toHaveLength(70);
    const log = arxiv.api.log();
    expect(log.map((r) => r.ids.length)).toEqual([50, 20]);
    expect((log[1]?.at ?? 0) - (log[0]?.at ?? 0)).toBeGreaterThanOrEqual(190);
  });

  it("marks a malformed id arXiv refuses, leaves the batch pending, and the next request resolves the rest", async () => {
    const wanted = ids(known[0] ?? "", "2601.x", known[1] ?? "");
    const first = await resolveProfile(wanted, lookup());
    expect(first.papers).toEqual([]);
    expect(first.missing.map((m) => [m.id, m.reason])).toEqual([
      [known[0], "pending"],
      ["2601.x", "malformed"],
      [known[1], "pending"],
    ]);
    expect(first.missing[0]?.message).toMatch(/arXiv refused 2601\.x in the same request/);
    await sleep(250);
    const second = await resolveProfile(wanted, lookup());
    expect(second.papers.map((p) => p.id)).toEqual([known[0], known[1]]);
    expect(second.missing.map((m) => m.reason)).toEqual(["malformed"]);
    expect(arxiv.api.log().map((r) => r.ids)).toEqual([
      [known[0], "2601.x", known[1]],
      [known[0], known[1]],
    ]);
  });

  it("honours its budget against a slow arXiv, then does not wait again for the same ids", async () => {
    arxiv.api.setMode("slow");
    arxiv.api.setSlowMs(3000);
    const started = performance.now();
    const result = await resolveProfile(ids(known[0] ?? ""), lookup({ budgetMs: 1000 }));
    const took = performance.now() - started;
    expect(took).toBeLessThan(1300);
    expect(result.missing).toEqual([
      {
        id: known[0],
        reason: "unavailable",
        message: expect.stringMatching(/arXiv's API failed \(no answer within \d+ ms\)/),
      },
    ]);
    const again = performance.now();
    await resolveProfile(ids(known[0] ?? ""), lookup({ budgetMs: 1000 }));
    expect(performance.now() - again).toBeLessThan(100);
    expect(arxiv.api.log()).toHaveLength(1);
  });

  it("lets the refresh ask again ids whose lookup failed", async () => {
    arxiv.api.failNext("503", 1);
    const deps = lookup();
    expect((await resolveProfile(ids(known[0] ?? ""), deps)).missing[0]?.reason).toBe("unavailable");
    await sleep(250);
    const retried = await resolveProfile(ids(known[0] ?? ""), { ...deps, retryUnavailable: true });
    expect(retried.papers.map((p) => p.id)).toEqual([known[0]]);
    expect(arxiv.api.log()).toHaveLength(2);
  });

  it("reports ids pending when the store cannot be read, asking arXiv nothing", async () => {
    const down: Store = {
      ...store,
      getMany: () => Promise.reject(new StoreUnavailableError("redis: getMany timed out")),
    };
    const result = await resolveProfile(ids(known[0] ?? ""), lookup({ store: down }));
    expect(result.missing).toEqual([
      {
        id: known[0],
        reason: "pending",
        message: `${known[0]}: not looked up yet (the store could not be read), a later request will`,
      },
    ]);
    expect(arxiv.api.log()).toHaveLength(0);
  });

  it("still uses what arXiv returned when the store refuses to cache it", async () => {
    const full: Store = { ...store, publish: () => Promise.reject(new StoreUnavailableError("full")) };
    const result = await resolveProfile(ids(known[0] ?? ""), lookup({ store: full }));
    expect(result.papers.map((p) => p.id)).toEqual([known[0]]);
  });

  it("caches an oversized answer clipped, so that it reads back and arXiv is not asked twice", async () => {
    arxiv.api.setBody(
      readFixture("arxiv", "real", "api-old-format-1601.00001.xml")
        .replace(/<title>Inelastic[^<]*<\/title>/, `<title>${"T".repeat(5000)}</title>`)
        .replace('<category term="cond-mat.mes-hall"', `<category term="${"x".repeat(500)}"`)
        .replace("<name>Dvira Segal</name>", `<name>${"N".repeat(1000)}</name>`),
    );
    const first = await resolveProfile(ids("1601.00001"), lookup());
    expect(first.papers[0]?.title).toHaveLength(500);
    expect(first.papers[0]?.categories).toEqual(["cond-mat.mes-hall"]);
    const again = await resolveProfile(ids("1601.00001"), lookup());
    expect(again).toEqual(first);
    expect(arxiv.api.log()).toHaveLength(1);
  });

  it("reads a damaged cached value as absent and overwrites it", async () => {
    await store.set(namedPaperKey(known[0] ?? ""), { id: known[0], title: 3 });
    data.set(namedTriedKey(known[1] ?? ""), { json: "not json", expiresAt: undefined });
    const result = await resolveProfile(ids(known[0] ?? "", known[1] ?? ""), lookup());
    expect(result.papers).toHaveLength(2);
    expect(JSON.parse(data.get(namedPaperKey(known[0] ?? ""))?.json ?? "{}").title).toEqual(
      expect.any(String),
    );
  });
});

describe("resolveProfile when arXiv fails", () => {
  const modes = [
    "429",
    "503",
    "rate-text",
    "timeout",
    "stall",
    "malformed",
    "truncated",
    "html",
    "500",
    "reset",
  ] as const;
  it.each(modes)("keeps every cached paper and names the new id (%s)", async (mode) => {
    const cached = known.slice(0, 3);
    await resolveProfile(ids(...cached), lookup());
    const before = cached.map((id) => data.get(namedPaperKey(id))?.json);
    await sleep(250);
    arxiv.api.setMode(mode);
    const fresh = known[20] ?? "";
    const result = await resolveProfile(ids(...cached, fresh), lookup({ budgetMs: 1200 }));
    expect(result.papers.map((p) => p.id)).toEqual(cached);
    expect(result.missing.map((m) => [m.id, m.reason])).toEqual([[fresh, "unavailable"]]);
    expect(cached.map((id) => data.get(namedPaperKey(id))?.json)).toEqual(before);
    expect(arxiv.api.log()).toHaveLength(2);
  });

  it("after a 429 with Retry-After, holds the gate for every instance", async () => {
    arxiv.api.setMode("429");
    arxiv.api.setRetryAfter("2");
    await resolveProfile(ids(known[0] ?? ""), lookup());
    const holder = await readLockHolder(store, "arxiv-api");
    expect((holder?.expiresAt ?? 0) - Date.now()).toBeGreaterThan(1500);
    arxiv.api.setMode("ok");
    const other = createMemoryStore({ data });
    const started = performance.now();
    const result = await resolveProfile(ids(known[1] ?? ""), lookup({ store: other, budgetMs: 1000 }));
    expect(performance.now() - started).toBeLessThan(100);
    expect(result.missing[0]).toMatchObject({
      reason: "pending",
      message: expect.stringMatching(/at most once every/),
    });
    expect(arxiv.api.log()).toHaveLength(1);
  });
});

describe("the deployment-wide gate", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "axf-gate-"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("spaces two instances' requests by arXiv's 3 s over one file store", async () => {
    const interval = EnvSchema.parse({}).ARXIV_MIN_INTERVAL_MS;
    expect(interval).toBe(3000);
    const [a, b] = [createFileStore({ dir }), createFileStore({ dir })];
    try {
      const deps = (s: Store) => lookup({ store: s, gateIntervalMs: interval, budgetMs: 6000 });
      const [first, second] = await Promise.all([
        resolveProfile(ids(known[0] ?? ""), deps(a)),
        resolveProfile(ids(known[1] ?? ""), deps(b)),
      ]);
      expect([...first.papers, ...second.papers].map((p) => p.id).sort()).toEqual(
        [known[0], known[1]].sort(),
      );
      const [one, two] = arxiv.api.log();
      // Arrival times at the fake API: a loaded machine may delay the first request's arrival
      // after its gate opened; without the gate the two would arrive together.
      expect((two?.at ?? 0) - (one?.at ?? 0)).toBeGreaterThanOrEqual(interval - 500);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("reports pending at once when the gate opens past the budget, and a later request resolves", async () => {
    const [a, b] = [createFileStore({ dir }), createFileStore({ dir })];
    try {
      await resolveProfile(ids(known[0] ?? ""), lookup({ store: a, gateIntervalMs: 1500 }));
      const started = performance.now();
      const busy = await resolveProfile(
        ids(known[1] ?? ""),
        lookup({ store: b, gateIntervalMs: 1500, budgetMs: 800 }),
      );
      expect(performance.now() - started).toBeLessThan(300);
      expect(busy.missing[0]).toMatchObject({ id: known[1], reason: "pending" });
      expect(busy.missing[0]?.message).toBe(
        `${known[1]}: not looked up yet (arXiv's API is asked at most once every 1500 ms), a later request will`,
      );
      const waited = await resolveProfile(
        ids(known[1] ?? ""),
        lookup({ store: b, gateIntervalMs: 1500, budgetMs: 3000 }),
      );
      expect(waited.papers.map((p) => p.id)).toEqual([known[1]]);
      const [one, two] = arxiv.api.log();
      expect((two?.at ?? 0) - (one?.at ?? 0)).toBeGreaterThanOrEqual(1450);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("does not ask again for ids another instance resolved while this one waited", async () => {
    const [a, b] = [createFileStore({ dir }), createFileStore({ dir })];
    try {
      const deps = (s: Store) => lookup({ store: s, gateIntervalMs: 1000, budgetMs: 4000 });
      const wanted = ids(known[0] ?? "", known[1] ?? "");
      const [first, second] = await Promise.all([
        resolveProfile(wanted, deps(a)),
        resolveProfile(wanted, deps(b)),
      ]);
      expect(first).toEqual(second);
      expect(first.papers).toHaveLength(2);
      expect(arxiv.api.log()).toHaveLength(1);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
