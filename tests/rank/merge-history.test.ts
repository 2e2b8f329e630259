import { describe, expect, it } from "vitest";
import type { RankedPaper } from "../../lib/model/snapshot.js";
import { mergeHistory } from "../../lib/rank/merge-history.js";
import { makePaper, SAMPLE_SUMMARY as summary } from "./paper-factory.js";

const ranked = (
  id: string,
  announced: string,
  score: number,
  extra: Partial<RankedPaper> = {},
): RankedPaper => ({
  ...makePaper({ id, announced }),
  score,
  matches: [],
  ...extra,
});

describe("mergeHistory", () => {
  it("puts the newest announcement first, by score within a day, and drops papers older than days_back", () => {
    const previous = [ranked("a", "2026-01-28", 9), ranked("old", "2026-01-20", 9)];
    const fresh = [ranked("b", "2026-01-29", 2), ranked("c", "2026-01-29", 5)];
    const merged = mergeHistory(previous, fresh, "2026-01-29", { daysBack: 7, maxPapers: 100 });
    expect(merged.map((p) => p.id)).toEqual(["c", "b", "a"]);
  });

  it("caps the number of papers", () => {
    const fresh = Array.from({ length: 10 }, (_, i) => ranked(`p${i}`, "2026-01-29", i));
    expect(mergeHistory([], fresh, "2026-01-29", { daysBack: 7, maxPapers: 4 }).map((p) => p.id)).toEqual([
      "p9",
      "p8",
      "p7",
      "p6",
    ]);
  });

  it("keeps one entry per id, the fresh one, with the stored summary when the version is unchanged", () => {
    const previous = [ranked("a", "2026-01-28", 3, { summary })];
    const sameVersion = mergeHistory(previous, [ranked("a", "2026-01-29", 4)], "2026-01-29", {
      daysBack: 7,
      maxPapers: 9,
    });
    expect(sameVersion).toHaveLength(1);
    expect(sameVersion[0]?.score).toBe(4);
    expect(sameVersion[0]?.summary).toEqual(summary);
    const newVersion = mergeHistory(previous, [ranked("a", "2026-01-29", 4, { version: 2 })], "2026-01-29", {
      daysBack: 7,
      maxPapers: 9,
    });
    expect(newVersion[0]?.summary).toBeUndefined();
  });
});
