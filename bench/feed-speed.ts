/**
 * `npx tsx bench/feed-speed.ts [--seconds N] [--rounds N] [--connections N]`: how close a warm
 * feed request through the service comes to a plain `node:http` server sending the same bytes
 * (issue 13, items 1, 2 and 4).
 *
 * Both servers are child processes, as `npm start` runs the service: the embedded SQLite store in
 * a fresh DATA_DIR filled by one `lib/cli/refresh.ts` run against the loopback arXiv (the fixture
 * day, summaries off), then `lib/cli/start.ts` on a free port. The plain server is this file run
 * with `--plain`, serving the service's exact body and content headers. autocannon runs here, so
 * on two cores the server under test has one to itself. Per path, each server first takes 2 s of
 * warm-up load (JIT, caches); then per round the plain server and the service are loaded back to
 * back (the order alternates by round); the ratio is of the summed requests per second. CPU µs
 * per request: utime + stime of the server process from
 * /proc/<pid>/stat (what process.cpuUsage reports, at 10 ms resolution) over its runs, divided by
 * the requests it answered. Prints a markdown table; asserts nothing on time.
 */

import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type OutgoingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { startArxivServer } from "../tests/helpers/arxiv-server.js";
import { refreshEnv } from "../tests/helpers/refresh-cli.js";
import { httpGet, keepAliveAgent } from "./http-get.js";
import { runNode } from "./node-child.js";
import { contentHeaders } from "./plain-server.js";
import { times } from "./stats.js";

/** The three figures of the issue, with their goals. */
const PATHS = [
  { path: "/rss/cs.LG", goal: 0.8 },
  { path: "/rss/cs.LG?keywords=inference,quantization&min_score=1", goal: 0.6 },
  { path: "/api/papers?category=cs.LG", goal: 0.7 },
] as const;

/** Seconds of load on each server and path before the measured rounds. */
const WARM_UP_SECONDS = 2;

/** Linux's USER_HZ: the unit of /proc's CPU times, µs. */
const TICK_US = 10_000;

/** CPU (user + system) of process `pid` so far, µs. */
function cpuUs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * TICK_US;
}

interface Child {
  process: ChildProcess;
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Spawns `args` under node with `env` added, and waits until it prints `ready` (the URL in group 1). */
function startChild(args: string[], env: Record<string, string>, ready: RegExp): Promise<Child> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      const found = ready.exec(output);
      if (!found?.[1] || !child.pid) return;
      child.stdout?.off("data", onData);
      const pid = child.pid;
      resolve({
        process: child,
        url: found[1],
        pid,
        stop: () =>
          new Promise((done) => {
            child.once("close", () => done());
            child.kill("SIGTERM");
          }),
      });
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk;
    });
    child.once("error", reject);
    child.once("close", (code) => reject(new Error(`${args.join(" ")} exited (${code}):\n${output}`)));
  });
}

interface Load {
  requests: number;
  seconds: number;
  cpuUs: number;
  failures: number;
}

async function load(child: Child, path: string, connections: number, seconds: number): Promise<Load> {
  const before = cpuUs(child.pid);
  const result = await autocannon({ url: child.url + path, connections, duration: seconds, timeout: 10 });
  const cpu = cpuUs(child.pid) - before;
  return {
    requests: result.requests.total,
    seconds: result.duration,
    cpuUs: cpu,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}

const sum = (loads: Load[]) =>
  loads.reduce(
    (a, b) => ({
      requests: a.requests + b.requests,
      seconds: a.seconds + b.seconds,
      cpuUs: a.cpuUs + b.cpuUs,
      failures: a.failures + b.failures,
    }),
    { requests: 0, seconds: 0, cpuUs: 0, failures: 0 },
  );

/** The service's answer to `path` (twice: the second is the warm one whose bytes are compared). */
async function warmBody(url: string) {
  const agent = keepAliveAgent();
  try {
    await httpGet(url, agent);
    const response = await httpGet(url, agent);
    if (response.status !== 200) throw new Error(`${url}: status ${response.status}`);
    return response;
  } finally {
    agent.destroy();
  }
}

/** `--plain <body file> <headers file>`: the baseline, in its own process. */
async function plainMain(bodyFile: string, headersFile: string): Promise<void> {
  const body = readFileSync(bodyFile);
  const headers = {
    ...(JSON.parse(readFileSync(headersFile, "utf8")) as OutgoingHttpHeaders),
    "content-length": body.length,
  };
  const server = createServer((_req, res) => {
    res.writeHead(200, headers);
    res.end(body);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  console.log(`plain server at http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  process.once("SIGTERM", () => server.close(() => process.exit(0)));
}

interface Options {
  seconds: number;
  rounds: number;
  connections: number;
}

async function measure(service: Child, dir: string, options: Options) {
  const rows: string[] = [];
  for (const { path, goal } of PATHS) {
    const first = await warmBody(service.url + path);
    const bodyFile = join(dir, "body");
    const headersFile = join(dir, "headers.json");
    writeFileSync(bodyFile, first.body);
    writeFileSync(headersFile, JSON.stringify(contentHeaders(first.headers)));
    const plain = await startChild(
      ["--import", "tsx", "bench/feed-speed.ts", "--plain", bodyFile, headersFile],
      {},
      /plain server at (\S+)/,
    );
    const plainLoads: Load[] = [];
    const serviceLoads: Load[] = [];
    try {
      await warmBody(plain.url + path);
      // JIT and caches warm on both before anything counts.
      for (const child of [plain, service]) await load(child, path, options.connections, WARM_UP_SECONDS);
      for (let round = 0; round < options.rounds; round++) {
        const order = round % 2 === 0 ? ([plain, service] as const) : ([service, plain] as const);
        for (const child of order) {
          const result = await load(child, path, options.connections, options.seconds);
          (child === plain ? plainLoads : serviceLoads).push(result);
        }
      }
    } finally {
      await plain.stop();
    }
    const after = await warmBody(service.url + path);
    const same = after.body.equals(first.body);
    const p = sum(plainLoads);
    const s = sum(serviceLoads);
    const ratio = s.requests / s.seconds / (p.requests / p.seconds);
    const perRequest = (l: Load) => (l.requests ? Math.round(l.cpuUs / l.requests) : Number.NaN);
    rows.push(
      `| ${path} (${first.body.length.toLocaleString("en-US")} B) | ${Math.round(s.requests / s.seconds).toLocaleString("en-US")} | ${Math.round(p.requests / p.seconds).toLocaleString("en-US")} | ${times(ratio)} | ≥ ${goal}× | ${ratio >= goal ? "yes" : "no"} | ${perRequest(s)} | ${perRequest(p)} | ${s.failures + p.failures}${same ? "" : ", body changed"} |`,
    );
    console.error(`${path}: done`);
  }
  return rows;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      plain: { type: "boolean", default: false },
      seconds: { type: "string", default: "8" },
      rounds: { type: "string", default: "2" },
      connections: { type: "string", default: "32" },
    },
  });
  if (values.plain) return plainMain(positionals[0] ?? "", positionals[1] ?? "");
  const options: Options = {
    seconds: Number(values.seconds),
    rounds: Math.max(1, Number(values.rounds)),
    connections: Math.max(1, Number(values.connections)),
  };
  const arxiv = await startArxivServer();
  const env = refreshEnv(arxiv.url);
  const dir = mkdtempSync(join(tmpdir(), "axf-feed-speed-"));
  let service: Child | undefined;
  try {
    await runNode(["--import", "tsx", "lib/cli/refresh.ts"], env);
    service = await startChild(
      ["--import", "tsx", "lib/cli/start.ts"],
      { ...env, PORT: "0", HOST: "127.0.0.1" },
      /is running at (\S+)/,
    );
    const rows = await measure(service, dir, options);
    console.log(
      `\n${options.rounds} rounds × ${options.seconds} s per server and path, ${options.connections} connections, ${process.version}\n`,
    );
    console.log(
      "| path (body) | service req/s | plain req/s | ratio | goal | met | service CPU µs/req | plain CPU µs/req | failures |",
    );
    console.log("|---|---|---|---|---|---|---|---|---|");
    for (const row of rows) console.log(row);
  } finally {
    await service?.stop();
    await arxiv.stop();
    rmSync(dir, { recursive: true, force: true });
    if (env.DATA_DIR) rmSync(dirname(env.DATA_DIR), { recursive: true, force: true });
  }
}

await main();
