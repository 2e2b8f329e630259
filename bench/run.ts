/**
 * `npm run bench`: every benchmark in sequence, figures printed as they come, then
 * bench/RESULTS.md. `BENCH_QUICK=1` shortens every duration for a smoke run.
 */
import { fileURLToPath } from "node:url";
import { benchConditionalGet } from "./conditional-get.js";
import { type BenchContext, createContext } from "./context.js";
import { benchFeedLatency } from "./feed-latency.js";
import { type Harness, startHarness } from "./harness.js";
import { benchHostileAnswers } from "./hostile-answer.js";
import { benchKilledRefresh } from "./killed-refresh.js";
import { benchLoad } from "./load.js";
import { benchParseRank } from "./parse-rank.js";
import { benchPersonalCpu } from "./personal-cpu.js";
import { writeReport } from "./report.js";
import { runScript, type ScriptSection } from "./script-step.js";
import { benchStoreCommands } from "./store-commands.js";
import { benchSummaries } from "./summaries.js";
import { benchThroughput } from "./throughput.js";

const NOTES = [
  "Parse + rank: `parseArxivFeed` + `rankPapers` (config.json's rules) on the 1,430-item combined fixture, " +
    "interleaved with a bare `new XMLParser().parse()` of the same string; medians of warm iterations. " +
    "feedparser (Debian's python3-feedparser) is timed inside python over the same file's bytes, start-up excluded.",
  "Summaries: `runRefresh` twice against the loopback OpenAI-compatible server (memory store). The stage overhead " +
    "times `summariseStep` alone on the feeds a summary-less refresh published, with the server answering at once " +
    "and after a fixed delay; the ideal is calls × delay ÷ max_workers.",
  "Store: commands and HTTP requests counted by the loopback Upstash REST endpoint (tests/helpers/upstash-rest-server.ts) " +
    "in front of a real redis-server, reached by the real @upstash/redis SDK. The endpoint runs in a child process so " +
    "its work does not share the measured server's event loop. Snapshot size is STRLEN of the stored JSON.",
  "Latency: sequential keep-alive GETs with node:http, alternating request by request between the local server " +
    "(lib/server/local-server.ts, the same api/ functions Vercel runs) and a plain node:http server answering the " +
    "same bytes and content headers from memory.",
  "Requests per second and load: autocannon in a worker thread against the local server in the main thread; the " +
    "baseline is the plain node:http server with the same bytes, run just before. Two cores are shared by the server, " +
    "autocannon, the REST endpoint process and redis-server.",
  "Bounded work: one hostile LLM answer is parsed and built into a summary in-process (median of runs), against a " +
    "normal answer; a personal request at the caps is the api/feed function called in-process after five full days " +
    "(memory store), CPU from process.cpuUsage, against a 2-keyword query.",
  "Crash recovery: real `npm run refresh` children held by a loopback arXiv that never answers, killed, then run " +
    "again each second until one exits 0; the baseline is one uninterrupted run, child start-up included.",
];

interface Step {
  title: string;
  run(ctx: BenchContext, harness: Harness): Promise<unknown>;
}

/** Standalone scripts (issues 13 and 14), each printing its own tables; quick runs pass shorter options. */
const SCRIPTS: { title: string; file: string; args: string[]; quickArgs: string[] }[] = [
  {
    title: "10. Feed speed vs a static file (npm start's server and store)",
    file: "feed-speed.ts",
    args: [],
    quickArgs: ["--seconds", "2", "--rounds", "1"],
  },
  { title: "11. Store CPU per feed request", file: "store-cpu.ts", args: ["HEAD"], quickArgs: ["HEAD"] },
  { title: "12. Cold starts of the read-path functions", file: "cold-start.ts", args: [], quickArgs: [] },
  {
    title: "13. The refresh's cost beyond fetch + parse",
    file: "refresh-cost.ts",
    args: [],
    quickArgs: ["--runs", "2"],
  },
  {
    title: "14. Ranking quality of named papers",
    file: "relevance.ts",
    args: [],
    quickArgs: ["--trials", "3"],
  },
];

const STEPS: Step[] = [
  { title: "2. Summaries", run: (ctx, h) => benchSummaries(ctx, h) },
  { title: "3. Store commands and size", run: (ctx, h) => benchStoreCommands(ctx, h) },
  { title: "4. Feed request latency", run: (ctx, h) => benchFeedLatency(ctx, h) },
  { title: "5. Conditional GET", run: (ctx, h) => benchConditionalGet(ctx, h) },
  { title: "6. Requests per second", run: (ctx, h) => benchThroughput(ctx, h) },
  { title: "7. Load (Upstash over real redis-server)", run: (ctx, h) => benchLoad(ctx, h) },
  { title: "8. Bounded work (hostile input)", run: (ctx, h) => benchPersonalCpu(ctx, h) },
];

async function main(): Promise<number> {
  const ctx = createContext();
  const date = new Date();
  const started = Date.now();
  const failures: string[] = [];
  const attempt = async (title: string, fn: () => Promise<unknown>) => {
    ctx.log(`\n${title}`);
    try {
      await fn();
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      failures.push(`${title}: ${message.split("\n")[0]}`);
      console.error(`  FAILED: ${message}`);
    }
  };

  ctx.log(`npm run bench${ctx.quick ? " (BENCH_QUICK=1)" : ""}`);
  await attempt("1. Parse + rank", () => benchParseRank(ctx));
  let harness: Harness | undefined;
  await attempt("service start", async () => {
    harness = await startHarness();
  });
  if (harness) {
    try {
      for (const step of STEPS) await attempt(step.title, () => step.run(ctx, harness as Harness));
    } finally {
      await harness.close();
    }
  }

  await attempt("8. Bounded work (hostile input): LLM answers", async () => benchHostileAnswers(ctx));
  await attempt("9. Crash recovery", () => benchKilledRefresh(ctx));
  const sections: ScriptSection[] = [];
  for (const script of SCRIPTS) {
    const args = ctx.quick ? script.quickArgs : script.args;
    await attempt(script.title, async () => {
      const markdown = await runScript(script.file, args);
      sections.push({
        title: script.title,
        command: ["npx tsx", `bench/${script.file}`, ...args].join(" "),
        markdown,
      });
    });
  }

  const elapsedMs = Date.now() - started;
  const path = fileURLToPath(new URL("./RESULTS.md", import.meta.url));
  writeReport(path, {
    figures: ctx.figures,
    quick: ctx.quick,
    date,
    elapsedMs,
    failures,
    notes: NOTES,
    sections,
  });
  const goals = ctx.figures.filter((f) => f.goal !== undefined);
  ctx.log(
    `\n${goals.filter((f) => f.met).length}/${goals.length} goals met; ${failures.length} benchmark(s) failed; ` +
      `${Math.round(elapsedMs / 1000)} s; wrote ${path}`,
  );
  return failures.length ? 1 : 0;
}

process.exitCode = await main();
