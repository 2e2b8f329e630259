import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FeedSnapshot, RankedPaper } from "../../lib/model/snapshot.js";
import type { PoolHead } from "../../lib/pools/codec.js";
import { MAX_POOL_DAYS, poolDays, poolSlot } from "../../lib/pools/slots.js";
import { mergeWindow, planWindow } from "../../lib/pools/window.js";
import { packJson, unpackJson } from "../../lib/store/packed-json.js";
import { makePaper, SAMPLE_SUMMARY as summary } from "../rank/paper-factory.js";

const ranked = (id: string, announced: string, extra: Partial<RankedPaper> = {}): RankedPaper => ({
  ...makePaper({ id, announced }),
  score: 0,
  matches: [],
  ...extra,
});
const snapshot = (name: string, announced: string, papers: RankedPaper[]): FeedSnapshot => ({
  version: `v-${announced}`,
  generatedAt: `${announced}T06:30:00.000Z`,
  name,
  announced,
  papers,
});
/** Stored pools as planned: a head (the pool itself) beside its papers. */
const stored = (pools: readonly (FeedSnapshot | null)[]) =>
  pools.flatMap((pool) => (pool ? [{ head: pool as PoolHead, papers: pool.papers }] : []));
/** The window over `pools` as one snapshot: planned from the heads, then merged. */
function windowOf(feed: FeedSnapshot | null, pools: readonly (FeedSnapshot | null)[], days: number) {
  const plan = planWindow(feed, stored(pools), days);
  if (!plan) return null;
  const dayPools = plan.pools.map((pool) => ({ announced: pool.head.announced, papers: pool.papers }));
  return { ...plan.head, papers: mergeWindow(feed, dayPools, plan.oldestDay) };
}
const ids = (s: FeedSnapshot | null) => s?.papers.map((p) => p.id).sort();

describe("pool slots", () => {
  it("gives the consecutive days of a window distinct slots, and cycles after them", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: MAX_POOL_DAYS }),
        fc.integer({ min: 0, max: 20_000 }),
        (days, start) => {
          const day = (i: number) => new Date((start + i) * 86_400_000).toISOString().slice(0, 10);
          const slots = Array.from({ length: days }, (_, i) => poolSlot(day(i), days));
          expect(new Set(slots).size).toBe(days);
          expect(slots.every((s) => s >= 0 && s < days)).toBe(true);
          expect(poolSlot(day(days), days)).toBe(slots[0]);
        },
      ),
    );
  });

  it("keeps days_back's days, at most a week", () => {
    expect(poolDays({ days_back: 2 })).toBe(2);
    expect(poolDays({ days_back: 90 })).toBe(MAX_POOL_DAYS);
  });
});

describe("planWindow and mergeWindow", () => {
  it("ranks every pool of the window plus the feed's kept papers, newest version, feed summaries kept", () => {
    const feed = snapshot("all", "2026-01-30", [
      ranked("kept-old", "2026-01-26", { summary }),
      ranked("kept", "2026-01-29", { summary }),
      ranked("replaced", "2026-01-29", { summary }),
      ranked("too-old", "2026-01-20"),
    ]);
    const pools = [
      snapshot("all", "2026-01-29", [
        ranked("kept", "2026-01-29"),
        ranked("a", "2026-01-29"),
        ranked("replaced", "2026-01-29"),
      ]),
      snapshot("all", "2026-01-30", [
        ranked("b", "2026-01-30"),
        ranked("replaced", "2026-01-30", { version: 2 }),
      ]),
      snapshot("all", "2026-01-22", [ranked("stale", "2026-01-22")]),
      null,
    ];
    const window = windowOf(feed, pools, 7);
    expect(ids(window)).toEqual(["a", "b", "kept", "kept-old", "replaced"]);
    const byId = new Map(window?.papers.map((p) => [p.id, p]));
    expect(byId.get("kept")?.summary).toEqual(summary);
    // v2 came after the summarised v1: the newer version, without v1's summary.
    expect(byId.get("replaced")?.version).toBe(2);
    expect(byId.get("replaced")?.summary).toBeUndefined();
    expect(window?.version.startsWith(`${feed.version}.`)).toBe(true);
    expect(window?.announced).toBe("2026-01-30");
  });

  it("has a version that changes when any pool of the window changes, not when one outside it does", () => {
    const feed = snapshot("all", "2026-01-30", [ranked("a", "2026-01-30")]);
    const day = (announced: string, version: string) => ({ ...snapshot("all", announced, []), version });
    const base = windowOf(
      feed,
      [day("2026-01-29", "r1"), day("2026-01-30", "r2"), day("2026-01-20", "r0")],
      7,
    );
    const rewritten = windowOf(
      feed,
      [day("2026-01-29", "r1"), day("2026-01-30", "r3"), day("2026-01-20", "r0")],
      7,
    );
    const staleChanged = windowOf(
      feed,
      [day("2026-01-29", "r1"), day("2026-01-30", "r2"), day("2026-01-20", "r9")],
      7,
    );
    expect(rewritten?.version).not.toBe(base?.version);
    expect(staleChanged?.version).toBe(base?.version);
  });

  it("keeps a paper's first announcement over a later cross-list of the same version", () => {
    const primary = ranked("p", "2026-01-29", { announceType: "new", primaryCategory: "cs.LG" });
    const crossLater = ranked("p", "2026-01-30", { announceType: "cross", primaryCategory: "cs.LG" });
    const window = windowOf(
      null,
      [snapshot("cs.LG", "2026-01-30", [crossLater]), snapshot("cs.LG", "2026-01-29", [primary])],
      7,
    );
    expect(window?.papers).toEqual([primary]);
  });

  it("prefers the feed's summary (the current model's) over an older one in a pool", () => {
    const old = { ...summary, model: "old-model" };
    const feed = snapshot("all", "2026-01-30", [ranked("a", "2026-01-30", { summary })]);
    const window = windowOf(
      feed,
      [snapshot("all", "2026-01-30", [ranked("a", "2026-01-30", { summary: old })])],
      7,
    );
    expect(window?.papers[0]?.summary?.model).toBe("m");
  });

  it("counts the window back from the newest pool when it is newer than the feed", () => {
    const feed = snapshot("all", "2026-01-29", [ranked("x", "2026-01-29")]);
    const window = windowOf(feed, [snapshot("all", "2026-01-31", [ranked("y", "2026-01-31")])], 2);
    expect(ids(window)).toEqual(["y"]);
  });

  it("plans from heads alone, taking only the window's pools", () => {
    const pools = stored([
      snapshot("all", "2026-01-30", [ranked("a", "2026-01-30")]),
      snapshot("all", "2026-01-01", []),
    ]);
    const plan = planWindow(null, pools, 7);
    expect(plan?.pools).toEqual([pools[0]]);
    expect(plan?.oldestDay).toBe("2026-01-24");
    // Plain data: what a spread or JSON.stringify sees is what is there, nothing unzipped behind it.
    expect(JSON.parse(JSON.stringify(plan?.head))).toEqual(plan?.head);
  });

  it("is null when nothing is stored, and the pools alone when no feed is", () => {
    expect(windowOf(null, [null, null], 7)).toBeNull();
    expect(ids(windowOf(null, [snapshot("all", "2026-01-29", [ranked("a", "2026-01-29")])], 7))).toEqual([
      "a",
    ]);
  });
});

describe("packed JSON", () => {
  it("round-trips any JSON value and passes unpacked values through", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(unpackJson(packJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
    expect(unpackJson({ version: "v1" })).toEqual({ version: "v1" });
    expect(unpackJson(null)).toBeNull();
  });

  it("stores a pool of abstracts in a fraction of its JSON size", () => {
    const pool = Array.from({ length: 500 }, (_, i) =>
      ranked(`2601.${String(i).padStart(5, "0")}`, "2026-01-29", {
        abstract:
          `We propose method ${i} for efficient distributed training of large language models with sparse attention.`.repeat(
            6,
          ),
      }),
    );
    const json = JSON.stringify(pool).length;
    expect(JSON.stringify(packJson(pool)).length).toBeLessThan(json / 3);
  });
});
