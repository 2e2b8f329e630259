/**
 * `npx tsx bench/refresh-cost.ts [--runs N] [--label text] [--explore] [--before dir]`: what `npm run refresh`
 * costs beyond its own work (issue 13, item 6). Real `npm run refresh` children (fresh processes,
 * embedded store in a fresh temp DATA_DIR, the loopback arXiv serving the full-size fixture day,
 * summaries off, the fixture day's clock) alternate with a baseline child that only fetches and
 * parses the same day from the same server (`bench/fetch-parse-child.ts`, bundled once and run by
 * plain `node`). Medians of the rounds after one warm-up round; wall from spawn to exit, CPU and
 * peak RSS as `bench/child-cost.ts` measures them. `--explore` adds other ways of starting the
 * same refresh, to price npm's and tsx's share; `--before dir` adds `npm run refresh` in another
 * copy of the repository (say `git archive <commit> | tar -x -C dir`, node_modules linked), so an
 * older version is measured in the same rounds. Prints a markdown table; asserts nothing on time.
 */
import { rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { type ArxivServer, startArxivServer } from "../tests/helpers/arxiv-server.js";
import { refreshEnv } from "../tests/helpers/refresh-cli.js";
import { type ChildCost, createProber, type Prober } from "./child-cost.js";
import { median, times } from "./stats.js";

/** One way of starting a child, and how to tell that it did its work. */
interface Variant {
  name: string;
  command: string;
  args: string[];
  /** Gets a fresh refresh environment (temp DATA_DIR) per run. */
  refresh: boolean;
  /** Working directory (default this process's). */
  cwd?: string;
  done: RegExp;
}

/** Medians of one variant's runs. */
interface Figures {
  wallMs: number;
  treeCpuUs: number;
  workerCpuUs: number;
  workerRssKiB: number;
  treeRssKiB: number;
  wallMinMs: number;
  wallMaxMs: number;
}

/** `entry` bundled (its packages left to node_modules) into `outDir`; returns the bundle's path. */
async function bundle(entry: string, outDir: string): Promise<string> {
  const outfile = join(outDir, `${entry.replace(/[^a-z0-9]+/gi, "-")}.mjs`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "warning",
  });
  return outfile;
}

interface VariantOptions {
  explore: boolean;
  before: string | undefined;
}

const REFRESH_DONE = /published /;

const refreshVariant = (name: string, command: string, args: string[], cwd?: string): Variant => ({
  name,
  command,
  args,
  refresh: true,
  done: REFRESH_DONE,
  cwd,
});

/** Other ways of starting the same refresh: without npm, with tsx as a loader, and the older copy's tsx. */
function exploreVariants(before: string | undefined): Variant[] {
  const tsx = resolve("node_modules/.bin/tsx");
  const entry = "lib/cli/refresh.ts";
  return [
    ...(before
      ? [
          refreshVariant(
            `node_modules/.bin/tsx ${entry} (no npm) in ${before}`,
            tsx,
            [entry],
            resolve(before),
          ),
        ]
      : []),
    refreshVariant(`node lib/cli/run-bundled.mjs ${entry} (no npm)`, process.execPath, [
      "lib/cli/run-bundled.mjs",
      entry,
    ]),
    refreshVariant(`node_modules/.bin/tsx ${entry} (no npm)`, tsx, [entry]),
    refreshVariant(`node --import tsx ${entry}`, process.execPath, ["--import", "tsx", entry]),
  ];
}

async function variantsFor(arxiv: ArxivServer, outDir: string, options: VariantOptions): Promise<Variant[]> {
  const baseline: Variant = {
    name: "fetch + parse (baseline)",
    command: process.execPath,
    args: [await bundle("bench/fetch-parse-child.ts", outDir), arxiv.url],
    refresh: false,
    done: /fetched and parsed 1430 papers/,
  };
  const npm = refreshVariant("npm run refresh", "npm", ["run", "refresh"]);
  const before = options.before
    ? [
        refreshVariant(
          `npm run refresh in ${options.before}`,
          "npm",
          ["run", "refresh"],
          resolve(options.before),
        ),
      ]
    : [];
  return [baseline, ...before, npm, ...(options.explore ? exploreVariants(options.before) : [])];
}

async function runOnce(prober: Prober, variant: Variant, arxiv: ArxivServer): Promise<ChildCost> {
  const env = variant.refresh ? refreshEnv(arxiv.url) : {};
  arxiv.reset();
  try {
    const cost = await prober.run(variant.command, variant.args, env, variant.cwd);
    if (cost.code !== 0 || !variant.done.test(cost.output)) {
      throw new Error(`${variant.name} did not do its work (exit ${cost.code}):\n${cost.output}`);
    }
    if (arxiv.totalRequests() !== 1)
      throw new Error(`${variant.name}: ${arxiv.totalRequests()} arXiv requests, not 1`);
    return cost;
  } finally {
    if (env.DATA_DIR) rmSync(dirname(env.DATA_DIR), { recursive: true, force: true });
  }
}

function figuresOf(costs: readonly ChildCost[]): Figures {
  const worker = (cost: ChildCost) => cost.processes.filter((p) => p.role === "worker");
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const walls = costs.map((c) => c.wallMs);
  return {
    wallMs: median(walls),
    wallMinMs: Math.min(...walls),
    wallMaxMs: Math.max(...walls),
    treeCpuUs: median(costs.map((c) => c.treeCpuUs)),
    workerCpuUs: median(costs.map((c) => sum(worker(c).map((p) => p.userUs + p.systemUs)))),
    workerRssKiB: median(costs.map((c) => Math.max(...worker(c).map((p) => p.maxRssKiB)))),
    treeRssKiB: median(costs.map((c) => sum(c.processes.map((p) => p.maxRssKiB)))),
  };
}

const int = (value: number) => Math.round(value).toLocaleString("en-US");
const mib = (kib: number) => `${(kib / 1024).toFixed(1)} MiB`;

function table(rows: [string, Figures][], label: string): string {
  const base = rows[0]?.[1];
  if (!base) return "";
  const ratio = (value: number, of: number) => times(value / of);
  const lines = [
    `| ${label} | wall (min–max) | × | CPU µs, tree | × | CPU µs, worker | peak RSS, worker | × | peak RSS, tree (sum) | × |`,
    "|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const [name, f] of rows) {
    lines.push(
      `| ${name} | ${int(f.wallMs)} ms (${int(f.wallMinMs)}–${int(f.wallMaxMs)}) | ${ratio(f.wallMs, base.wallMs)} | ` +
        `${int(f.treeCpuUs)} | ${ratio(f.treeCpuUs, base.treeCpuUs)} | ${int(f.workerCpuUs)} | ` +
        `${mib(f.workerRssKiB)} | ${ratio(f.workerRssKiB, base.workerRssKiB)} | ` +
        `${mib(f.treeRssKiB)} | ${ratio(f.treeRssKiB, base.treeRssKiB)} |`,
    );
  }
  return lines.join("\n");
}

/** Runs every variant `runs` times, round by round (each round starting one variant later). */
async function measure(prober: Prober, variants: Variant[], arxiv: ArxivServer, runs: number) {
  const costs = new Map<Variant, ChildCost[]>(variants.map((v) => [v, []]));
  for (let round = -1; round < runs; round++) {
    const shift = Math.max(0, round) % variants.length;
    for (const variant of [...variants.slice(shift), ...variants.slice(0, shift)]) {
      const cost = await runOnce(prober, variant, arxiv);
      if (round >= 0) costs.get(variant)?.push(cost);
    }
    console.error(round < 0 ? "warm-up round done" : `round ${round + 1}/${runs} done`);
  }
  return variants.map((v) => [v.name, figuresOf(costs.get(v) ?? [])] as [string, Figures]);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: "string", default: "7" },
      label: { type: "string", default: "HEAD" },
      explore: { type: "boolean", default: false },
      before: { type: "string" },
    },
  });
  const runs = Math.max(5, Number(values.runs));
  const arxiv = await startArxivServer();
  const prober = createProber();
  // Inside the repository (bench/out/ is ignored), so the bundles find node_modules.
  const outDir = resolve("bench/out", `refresh-cost-${process.pid}`);
  try {
    const variants = await variantsFor(arxiv, outDir, { explore: values.explore, before: values.before });
    const rows = await measure(prober, variants, arxiv, runs);
    console.log(`\nmedians of ${runs} alternated runs (after 1 warm-up round), ${process.version}\n`);
    console.log(table(rows, values.label));
  } finally {
    prober.close();
    rmSync(outDir, { recursive: true, force: true });
    await arxiv.stop();
  }
}

await main();
