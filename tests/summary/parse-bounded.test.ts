import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildSummary } from "../../lib/summary/build-summary.js";
import { parseCompletion } from "../../lib/summary/parse-summary.js";
import { headingsFor } from "../../lib/summary/prompt.js";
import { markdownFor } from "../helpers/openai-server.js";

const META = { model: "m", language: "en", createdAt: "2026-01-29T12:00:00.000Z" };
const HEADINGS = headingsFor("en");

/** Reading an answer: splitting it into TL;DR and sections (the patterns over untrusted text). */
const parse = (answer: string): void => void parseCompletion(answer);

/** All the work one answer costs: parsing, then rendering and sanitising the stored summary. */
function digest(answer: string): void {
  const parsed = parseCompletion(answer);
  if (parsed) buildSummary(parsed, HEADINGS, META);
}

type Work = (answer: string) => void;

const time = (work: Work, answer: string) => {
  const start = performance.now();
  work(answer);
  return performance.now() - start;
};

/**
 * How many times longer `answer` takes than a normal answer of its length (at least 2,000
 * characters), each the fastest of a few interleaved runs: a GC pause or a neighbour's burst on
 * the machine hits both sides or neither, and is not the code's cost.
 */
function costRatio(work: Work, answer: string, runs = 3): number {
  const normal = normalOfLength(Math.max(answer.length, 2_000));
  let hostileBest = Number.POSITIVE_INFINITY;
  let normalBest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    normalBest = Math.min(normalBest, time(work, normal));
    hostileBest = Math.min(hostileBest, time(work, answer));
  }
  return hostileBest / normalBest;
}

/** A normal answer repeated to `chars` characters: the cost per character of ordinary text. */
function normalOfLength(chars: number): string {
  const one = markdownFor("2601.00001");
  return one.repeat(Math.ceil(chars / one.length)).slice(0, chars);
}

// Long runs of what the old heading and label patterns backtracked on, between short words.
const RUN_CHARS = fc.constantFrom(" ", "\t", "#", "*", "_", "1", ":", "\n", "**", "__", "# ", "1. ");
const run = fc.tuple(RUN_CHARS, fc.integer({ min: 200, max: 3000 })).map(([c, n]) => c.repeat(n));
const word = fc.constantFrom("# a", "b", "**", "__", "1.", "## Results", "TL;DR:", "x", ":", "\n");
const hostileAnswer = fc
  .array(fc.oneof(run, word), { minLength: 2, maxLength: 10 })
  .map((parts) => parts.join(""));

/**
 * Generous bounds on time relative to ordinary text of the same length: parsing stays within ~5×
 * and the whole digest within ~25× on these inputs; the old heading pattern was 10,000s of times over.
 */
const MAX_PARSE_RATIO = 50;
const MAX_DIGEST_RATIO = 100;

describe("the work per LLM answer is bounded", () => {
  it("the issue's answer (`# a`, 3,000 spaces, `b`) costs about what a normal answer of its size does", () => {
    const hostile = `# a${" ".repeat(3000)}b\n\nSome text.`;
    expect(costRatio(parse, hostile)).toBeLessThan(MAX_PARSE_RATIO);
    expect(parseCompletion(hostile)?.tldr).toBe("a b Some text.");
  });

  it("long runs of whitespace, #, *, _ and digits: time per answer within a ratio of normal text", () => {
    fc.assert(
      fc.property(hostileAnswer, (answer) => {
        expect(costRatio(parse, answer)).toBeLessThan(MAX_PARSE_RATIO);
        expect(costRatio(digest, answer)).toBeLessThan(MAX_DIGEST_RATIO);
      }),
      { numRuns: 40 },
    );
  });

  it("renders Markdown nested a thousand deep, or with thousands of emphasis marks, without failing", () => {
    const nested = parseCompletion(
      `## Method\n${"1. ".repeat(1300)}deep\n\n## Results\n${">".repeat(3000)} quoted`,
    );
    if (!nested) throw new Error("no parse");
    const summary = buildSummary(nested, HEADINGS, META);
    expect(summary.text).toContain("deep");
    expect(summary.text).toContain("quoted");
    const stars = parseCompletion(`## Results\n${"*a".repeat(1900)}`);
    if (!stars) throw new Error("no parse");
    expect(buildSummary(stars, HEADINGS, META).text).toContain("*a*a");
  });

  it("keeps reading headings and labels as before", () => {
    const answer = "1. **Problem:**\nP.\n\n__Method__:\nM.\n\n### Key results ###\nR.\n\n**Limitations:** L.";
    expect(parseCompletion(answer)?.sections).toEqual([
      { key: "problem", markdown: "P." },
      { key: "method", markdown: "M." },
      { key: "results", markdown: "R." },
      { key: "limitations", markdown: "L." },
    ]);
    expect(parseCompletion("## C#\ntext")?.sections[0]?.markdown).toBe("text");
  });
});
