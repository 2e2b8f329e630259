/**
 * `npx tsx bench/cold-start.ts [--runs N]`: what a cold start of each read-path function costs
 * against a minimal handler (issue 13, item 5; goal ≤ 5×, medians of fresh processes).
 *
 * One refresh (lib/cli/refresh.ts against the loopback arXiv, the fixture day, summaries off)
 * fills a file store; then every function of api/ (the cron aside) and bench/minimal-handler.ts
 * is started N times (default 7) in a fresh Node process each, alternating function by function,
 * by bench/cold-start-child.mjs: import the module, answer one GET, read the body. Two ways:
 * - unbundled, as tsx runs it (`node --import tsx`): tsx's own start-up (its registration,
 *   before the script's first line) is reported apart, as the difference of that moment under
 *   tsx and under plain Node;
 * - bundled as Vercel would run a bundled function: esbuild, bundle, platform node, format esm,
 *   minify off, packages included (but the native better-sqlite3), split at dynamic imports so
 *   what loads on demand stays out of the cold start.
 * Files and bytes loaded eagerly come from esbuild's metafile: the entry chunk and the chunks it
 * imports statically; "on demand" is the rest of the bundle (dynamic imports). The ratio is of
 * import + first request against the minimal handler's, same way of running. Asserts nothing.
 */

import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { build, type Metafile } from "esbuild";
import { startArxivServer } from "../tests/helpers/arxiv-server.js";
import { refreshEnv } from "../tests/helpers/refresh-cli.js";
import { runNode } from "./node-child.js";
import { median, ms, times } from "./stats.js";

const CHILD = "bench/cold-start-child.mjs";
const MINIMAL = "bench/minimal-handler.ts";
const CACHE = "node_modules/.cache/cold-start-bench";

/** The request each function answers: the common case of each, plain (not personal). */
const PATHS: Record<string, string> = {
  feed: "/api/feed?format=rss&category=cs.LG",
  papers: "/api/papers?category=cs.LG",
  paper: "/api/paper?id=2601.00001",
  categories: "/api/categories",
  health: "/api/health",
  digest: "/api/digest",
  opml: "/api/opml",
  openapi: "/api/openapi",
  config: "/api/config",
  filters: "/api/filters",
  vote: "/api/vote",
  profile: "/api/profile",
  profiles: "/api/profiles",
  "minimal-handler": "/",
};

interface Sample {
  beganMs: number;
  importMs: number;
  requestMs: number;
  status: number;
  bytes: number;
}

/** Runs node with `args` and `env`, and returns the child's JSON line. */
async function runChild(args: string[], env: Record<string, string>): Promise<Sample> {
  const output = await runNode(args, env);
  const line = output.trim().split("\n").at(-1) ?? "";
  if (!line.startsWith("{")) throw new Error(`${args.join(" ")} printed no JSON line:\n${output}`);
  return JSON.parse(line) as Sample;
}

/** What a bundle loads at once and on demand. */
interface BundleSize {
  file: string;
  eagerFiles: number;
  eagerBytes: number;
  lazyBytes: number;
  /** Bytes of zod in the eager chunks. */
  zodBytes: number;
  /** Whether the `feed` package is in the eager chunks. */
  feedPackage: boolean;
}

function bundleSize(meta: Metafile, entryOut: string): Omit<BundleSize, "file"> {
  const eager = new Set<string>();
  const walk = (out: string) => {
    if (eager.has(out) || !meta.outputs[out]) return;
    eager.add(out);
    for (const imp of meta.outputs[out]?.imports ?? [])
      if (imp.kind === "import-statement" && !imp.external) walk(imp.path);
  };
  walk(entryOut);
  let eagerBytes = 0;
  let lazyBytes = 0;
  let zodBytes = 0;
  let feedPackage = false;
  const inputs = new Set<string>();
  for (const [out, output] of Object.entries(meta.outputs)) {
    if (out.endsWith(".map")) continue;
    if (!eager.has(out)) {
      lazyBytes += output.bytes;
      continue;
    }
    eagerBytes += output.bytes;
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      if (bytesInOutput === 0) continue;
      inputs.add(input);
      if (input.includes("node_modules/zod/")) zodBytes += bytesInOutput;
      if (input.includes("node_modules/feed/")) feedPackage = true;
    }
  }
  return { eagerFiles: inputs.size, eagerBytes, lazyBytes, zodBytes, feedPackage };
}

/** Bundles `entry` into `dir` as Vercel would run a bundled function. */
async function bundle(entry: string, dir: string): Promise<BundleSize> {
  const name = entry.replace(/^.*\//, "").replace(/\.ts$/, "");
  const outdir = join(dir, name);
  const result = await build({
    entryPoints: { [name]: entry },
    outdir,
    bundle: true,
    splitting: true,
    platform: "node",
    format: "esm",
    target: "node20",
    minify: false,
    metafile: true,
    logLevel: "silent",
    external: ["better-sqlite3"],
    outExtension: { ".js": ".mjs" },
    // CommonJS packages inside an ESM bundle still call require() for Node's built-ins.
    banner: {
      js: 'import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);',
    },
  });
  const entryOut = Object.keys(result.metafile.outputs).find(
    (out) => result.metafile.outputs[out]?.entryPoint === entry,
  );
  if (!entryOut) throw new Error(`no output for ${entry}`);
  return { file: entryOut, ...bundleSize(result.metafile, entryOut) };
}

interface Row {
  name: string;
  tsx: Sample[];
  bundled: Sample[];
  size: BundleSize;
}

const total = (samples: Sample[]) => median(samples.map((s) => s.importMs + s.requestMs));
const kib = (value: number) => `${(value / 1024).toFixed(0)} KiB`;

function printTable(rows: Row[], runs: number): void {
  const base = rows.find((row) => row.name === "minimal-handler");
  if (!base) throw new Error("no baseline");
  const tsxStart = median(base.tsx.map((s) => s.beganMs));
  const nodeStart = median(base.bundled.map((s) => s.beganMs));
  console.log(
    `\n${runs} fresh processes per function and way, alternated; medians; ${process.version}. ` +
      `Process start to the script's first line: ${ms(nodeStart)} under plain node, ${ms(tsxStart)} under tsx ` +
      `(tsx's own cost ${ms(tsxStart - nodeStart)}, not counted below).\n`,
  );
  console.log(
    "| function (status) | tsx import | tsx 1st request | tsx total | ratio | bundled import | bundled 1st request | bundled total | ratio | eager files | eager bundle | of it zod | feed pkg | on demand |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
  for (const row of rows) {
    const s = row.size;
    console.log(
      `| ${row.name} (${row.tsx[0]?.status}/${row.bundled[0]?.status}) | ${ms(median(row.tsx.map((x) => x.importMs)))} | ${ms(median(row.tsx.map((x) => x.requestMs)))} | ${ms(total(row.tsx))} | ${times(total(row.tsx) / total(base.tsx))} | ` +
        `${ms(median(row.bundled.map((x) => x.importMs)))} | ${ms(median(row.bundled.map((x) => x.requestMs)))} | ${ms(total(row.bundled))} | ${times(total(row.bundled) / total(base.bundled))} | ` +
        `${s.eagerFiles} | ${kib(s.eagerBytes)} | ${kib(s.zodBytes)} | ${s.feedPackage ? "yes" : "no"} | ${kib(s.lazyBytes)} |`,
    );
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: "string", default: "7" } } });
  const runs = Math.max(1, Number(values.runs));
  const entries = [
    ...readdirSync("api")
      .filter((file) => file.endsWith(".ts"))
      .map((file) => `api/${file}`),
    MINIMAL,
  ];
  const arxiv = await startArxivServer();
  const env = refreshEnv(arxiv.url);
  // Inside the repository (ignored), so a bundle finds the native package it leaves external.
  mkdirSync(CACHE, { recursive: true });
  const dir = mkdtempSync(join(CACHE, "run-"));
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", "tsx", "lib/cli/refresh.ts"], {
        env: { ...process.env, ...env },
        stdio: "ignore",
      });
      child.once("close", (code) => (code === 0 ? resolve() : reject(new Error(`refresh exited ${code}`))));
    });
    await arxiv.stop();
    const rows: Row[] = [];
    for (const entry of entries) {
      const name = entry.replace(/^.*\//, "").replace(/\.ts$/, "");
      rows.push({ name, tsx: [], bundled: [], size: await bundle(entry, dir) });
    }
    for (let run = 0; run < runs; run++) {
      for (const row of rows) {
        const entry = entries[rows.indexOf(row)] as string;
        const path = PATHS[row.name] ?? "/";
        row.tsx.push(await runChild(["--import", "tsx", CHILD, entry, path], env));
        row.bundled.push(await runChild([CHILD, row.size.file, path], env));
      }
    }
    printTable(rows, runs);
  } finally {
    await arxiv.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    if (env.DATA_DIR) rmSync(dirname(env.DATA_DIR), { recursive: true, force: true });
  }
}

await main();
