/**
 * `npx tsx bench/hostile-answer.ts`: the time to read one LLM answer (parse it, then build the
 * stored summary: render, sanitise) for a normal answer and for hostile ones, up to the most the
 * client reads (MAX_ANSWER_BYTES, 256 KB). Prints a table, the worst case and its ratio to the normal one.
 * RUNS (default 5) sets the runs per case; the median is reported.
 */
import { MAX_ANSWER_BYTES } from "../lib/summary/bounded-fetch.js";
import { buildSummary } from "../lib/summary/build-summary.js";
import { parseCompletion } from "../lib/summary/parse-summary.js";
import { headingsFor } from "../lib/summary/prompt.js";
import { markdownFor } from "../tests/helpers/openai-server.js";
import { median, ms, times } from "./stats.js";

const META = { model: "bench", language: "en", createdAt: "2026-01-29T12:00:00.000Z" };
const HEADINGS = headingsFor("en");

/** `unit` repeated to about `chars` characters. */
const fill = (unit: string, chars: number) => unit.repeat(Math.max(1, Math.floor(chars / unit.length)));

const NORMAL = markdownFor("2601.00001");
/** A case at the largest answer the client reads. */
const atMax = (label: string) => `${MAX_ANSWER_BYTES / 1024} KB: ${label}`;
const CASES: readonly [string, string][] = [
  ["normal answer", NORMAL],
  ["`# a` + 3,000 spaces + `b` (the issue's)", `# a${" ".repeat(3000)}b\n\nText.`],
  ["`# a` + 5,000 spaces + `b`", `# a${" ".repeat(5000)}b\n\nText.`],
  [atMax("`# a` + spaces + `b`"), `# a${fill(" ", MAX_ANSWER_BYTES - 10)}b`],
  [atMax("`**` + spaces + `x`"), `**${fill(" ", MAX_ANSWER_BYTES - 10)}x`],
  [atMax("label + spaces"), `Results${fill(" ", MAX_ANSWER_BYTES - 20)}: x`],
  [atMax("digits + `.`"), `${fill("1", MAX_ANSWER_BYTES - 10)}.x`],
  [atMax("`1. ` nested lists"), fill("1. ", MAX_ANSWER_BYTES)],
  [atMax("`>` nested quotes"), fill(">", MAX_ANSWER_BYTES)],
  [atMax("`*a` emphasis marks"), `## Results\n${fill("*a", MAX_ANSWER_BYTES)}`],
  [atMax("`_` + `#` runs"), `${fill("_", MAX_ANSWER_BYTES / 2)}# x${fill("#", MAX_ANSWER_BYTES / 2)}`],
  [atMax("blank lines"), `## Method\n${fill("\n", MAX_ANSWER_BYTES)}x`],
  [atMax("`## Heading` lines"), fill("## Results\nSome text. ", MAX_ANSWER_BYTES)],
];

function digest(answer: string): void {
  const parsed = parseCompletion(answer);
  if (parsed) buildSummary(parsed, HEADINGS, META);
}

function medianMs(fn: () => void, runs: number): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

function main(): void {
  const runs = Number(process.env.RUNS ?? 5);
  for (const [, answer] of CASES) digest(answer); // warm-up
  const rows = CASES.map(([name, answer]) => ({
    name,
    chars: answer.length,
    parseMs: medianMs(() => parseCompletion(answer), runs),
    digestMs: medianMs(() => digest(answer), runs),
  }));
  const normal = rows[0];
  if (!normal) return;
  console.log(`one LLM answer: parse, then build the stored summary (median of ${runs})`);
  console.log(
    `${"case".padEnd(44)} ${"chars".padStart(9)} ${"parse".padStart(10)} ${"parse+build".padStart(12)}`,
  );
  for (const row of rows) {
    const chars = row.chars.toLocaleString("en-US").padStart(9);
    console.log(
      `${row.name.padEnd(44)} ${chars} ${ms(row.parseMs).padStart(10)} ${ms(row.digestMs).padStart(12)}`,
    );
  }
  const worst = rows.reduce((a, b) => (b.digestMs > a.digestMs ? b : a));
  console.log(
    `worst hostile answer: ${ms(worst.digestMs)} (${worst.name}), ${times(worst.digestMs / normal.digestMs)} the normal answer's ${ms(normal.digestMs)}`,
  );
}

main();
