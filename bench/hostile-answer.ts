/**
 * `npx tsx bench/hostile-answer.ts`: the time to read one LLM answer (parse it, then build the
 * stored summary: render, sanitise) for a normal answer and for hostile ones, up to the most the
 * client reads (MAX_ANSWER_BYTES, 256 KB). Prints a table, the worst case and its ratio to the normal one.
 * RUNS (default 5) sets the runs per case; the median is reported.
 */
import { pathToFileURL } from "node:url";
import { MAX_ANSWER_BYTES } from "../lib/summary/bounded-fetch.js";
import { buildSummary } from "../lib/summary/build-summary.js";
import { parseCompletion } from "../lib/summary/parse-summary.js";
import { headingsFor } from "../lib/summary/prompt.js";
import { markdownFor } from "../tests/helpers/openai-server.js";
import { type BenchContext, createContext } from "./context.js";
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

const SECTION = "8. Bounded work (hostile input)";

/**
 * Records the time to read one LLM answer for every case, the worst hostile one against the
 * normal answer measured in the same run. Pure CPU: needs no service.
 */
export function benchHostileAnswers(ctx: BenchContext, options: { runs?: number } = {}): void {
  const runs = options.runs ?? (ctx.quick ? 2 : 5);
  for (const [, answer] of CASES) digest(answer); // warm-up
  const rows = CASES.map(([name, answer]) => ({
    name,
    chars: answer.length,
    parseMs: medianMs(() => parseCompletion(answer), runs),
    digestMs: medianMs(() => digest(answer), runs),
  }));
  const [normal, ...hostile] = rows;
  if (!normal) return;
  for (const row of hostile) {
    ctx.log(
      `  ${row.name}: ${row.chars.toLocaleString("en-US")} chars, parse ${ms(row.parseMs)}, parse+build ${ms(row.digestMs)}`,
    );
  }
  const worst = hostile.reduce((a, b) => (b.digestMs > a.digestMs ? b : a));
  ctx.record({
    section: SECTION,
    name: `worst-case time to read one hostile LLM answer (parse + build the summary; ${hostile.length} shapes up to ${MAX_ANSWER_BYTES / 1024} KB)`,
    value: ms(worst.digestMs),
    baseline: `normal answer ${ms(normal.digestMs)}`,
    ratio: times(worst.digestMs / normal.digestMs),
    goal: "linear: well under 1 s, not the 72 s a cubic pattern took",
    met: worst.digestMs < 1000,
    note: `worst: ${worst.name}; median of ${runs}; answers past ${MAX_ANSWER_BYTES / 1024} KB are not read`,
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchHostileAnswers(createContext(), { runs: Number(process.env.RUNS ?? 5) });
}
