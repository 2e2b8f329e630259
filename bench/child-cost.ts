/**
 * What one child process tree costs: wall time from spawn to exit, CPU and peak memory of every
 * Node process in it (npm, tsx's launcher, the worker), each reported by a preloaded probe from
 * its own `process.resourceUsage()` as it exits, and the whole tree's CPU from this process's
 * `/proc/self/stat` children's times (clock ticks, so shells and non-Node processes count too).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** One Node process of the tree, as its probe reported it at exit. */
export interface ProcessCost {
  pid: number;
  /** `npm`, `tsx` (tsx's launcher, which starts the worker) or `worker`. */
  role: "npm" | "tsx" | "worker";
  argv: string[];
  /** CPU, µs. */
  userUs: number;
  systemUs: number;
  /** Peak resident set size, KiB (`maxRSS`). */
  maxRssKiB: number;
}

/** One run of a command. */
export interface ChildCost {
  code: number;
  output: string;
  wallMs: number;
  /** CPU of the whole tree (waited-for descendants), µs, at the clock tick's resolution. */
  treeCpuUs: number;
  processes: ProcessCost[];
}

/** The probe every Node process of the tree loads first (`NODE_OPTIONS=--require`): one JSON line at exit. */
const PROBE = `
const { appendFileSync } = require("node:fs");
const out = process.env.AXF_COST_PROBE_OUT;
process.on("exit", () => {
  const u = process.resourceUsage();
  const line = { pid: process.pid, argv: process.argv.slice(1), userUs: u.userCPUTime, systemUs: u.systemCPUTime, maxRssKiB: u.maxRSS };
  appendFileSync(out, JSON.stringify(line) + "\\n");
});
`;

/** Linux's USER_HZ: the unit of /proc's CPU times. */
const TICK_US = 10_000;

/** CPU of this process's waited-for children so far (cutime + cstime), µs. */
function childrenCpuUs(): number {
  const stat = readFileSync("/proc/self/stat", "utf8");
  // Fields after the command name (which may hold spaces) in parentheses; cutime, cstime are 16, 17.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[13]) + Number(fields[14])) * TICK_US;
}

const roleOf = (argv: readonly string[]): ProcessCost["role"] => {
  const script = argv[0] ?? "";
  if (/npm-cli|[\\/]npm$/.test(script)) return "npm";
  if (/tsx[\\/]dist[\\/]cli/.test(script)) return "tsx";
  return "worker";
};

/** Runs probes: a folder for the probe file and each run's report. */
export interface Prober {
  /** Runs `command` in `cwd` (default this process's) with `env` added to this process's environment. */
  run(
    command: string,
    args: readonly string[],
    env: Record<string, string>,
    cwd?: string,
  ): Promise<ChildCost>;
  close(): void;
}

export function createProber(): Prober {
  const dir = mkdtempSync(join(tmpdir(), "axf-child-cost-"));
  const probe = join(dir, "probe.cjs");
  writeFileSync(probe, PROBE);
  let runs = 0;
  return {
    async run(command, args, env, cwd) {
      const out = join(dir, `run-${++runs}.jsonl`);
      writeFileSync(out, "");
      const cpuBefore = childrenCpuUs();
      const started = performance.now();
      const { code, output } = await spawnAndWait(command, args, cwd, {
        ...process.env,
        ...env,
        NODE_OPTIONS: `--require ${probe}`,
        AXF_COST_PROBE_OUT: out,
      });
      const wallMs = performance.now() - started;
      const treeCpuUs = childrenCpuUs() - cpuBefore;
      const processes = readFileSync(out, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => {
          const cost = JSON.parse(line) as Omit<ProcessCost, "role">;
          return { ...cost, role: roleOf(cost.argv) };
        });
      return { code, output, wallMs, treeCpuUs, processes };
    },
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function spawnAndWait(
  command: string,
  args: readonly string[],
  cwd: string | undefined,
  env: NodeJS.ProcessEnv,
) {
  return new Promise<{ code: number; output: string }>((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.once("error", reject);
    child.once("close", (code) => resolve({ code: code ?? 128, output }));
  });
}
