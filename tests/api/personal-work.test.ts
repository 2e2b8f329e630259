import { describe, expect, it } from "vitest";
import { rankPersonal } from "../../lib/api/personal-rank.js";
import { ConfigSchema } from "../../lib/config/schema.js";
import type { RankedPaper } from "../../lib/model/snapshot.js";
import { makePaper } from "../rank/paper-factory.js";

const config = ConfigSchema.parse({ categories: ["cs.LG"], keywords: ["inference"], exclude_keywords: [] });

/**
 * Stored papers whose texts count how often they are read: the work a personal request does on
 * a window it has seen before, counted rather than timed.
 */
function countedPool(size: number) {
  const reads = { title: 0, abstract: 0 };
  const pool = Array.from({ length: size }, (_, i): RankedPaper => {
    const paper: RankedPaper = {
      ...makePaper({ id: `2601.${String(i).padStart(5, "0")}` }),
      score: 0,
      matches: [],
    };
    const title = `Sparse attention for large language models ${i}`;
    const abstract = `We train large language models with sparse attention and speculative decoding (${i}).`;
    const counted = (field: keyof typeof reads, value: string) => ({
      enumerable: true,
      get: () => {
        reads[field]++;
        return value;
      },
    });
    Object.defineProperty(paper, "title", counted("title", title));
    Object.defineProperty(paper, "abstract", counted("abstract", abstract));
    return paper;
  });
  return { pool, reads };
}

/** A query at the caps that matches nothing, so no paper is copied into the answer. */
const hostile = (seed: string) => ({
  keywords: Array.from(
    { length: 20 },
    (_, i) => `large language model sparse attention decoding ${seed}${i}`,
  ),
  exclude: Array.from({ length: 20 }, (_, i) => `speculative decoding with sparse attention ${seed}x${i}`),
  cross_lists: true,
});

describe("a personal request's work on a window already seen", () => {
  it("reads each stored abstract once, whatever later queries ask (each used to be scanned again per request)", () => {
    const { pool, reads } = countedPool(500);
    expect(rankPersonal(pool, "cs.LG", config, hostile("a"), 200)).toEqual([]);
    expect(reads.abstract).toBe(pool.length);
    for (const seed of ["b", "c", "d"])
      expect(rankPersonal(pool, "cs.LG", config, hostile(seed), 200)).toEqual([]);
    expect(reads.abstract).toBe(pool.length);
  });

  it("still finds what a later query asks for", () => {
    const { pool } = countedPool(50);
    rankPersonal(pool, "cs.LG", config, hostile("a"), 200);
    const found = rankPersonal(pool, "cs.LG", config, { keywords: ["speculative decoding", "model"] }, 200);
    expect(found).toHaveLength(50);
    expect(found[0]?.matches.map((m) => [m.keyword, m.inTitle, m.inAbstract])).toEqual([
      ["speculative decoding", false, true],
      ["model", true, true],
    ]);
  });
});
