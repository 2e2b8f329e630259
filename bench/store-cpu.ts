/**
 * `npx tsx bench/store-cpu.ts [commit…]`: server CPU per feed request on each store driver
 * (issue 13, item 3). Each variant gets its own server process (bench/store-cpu-server.ts) that
 * runs one full-day refresh of the fixtures, then answers sequential keep-alive `GET /rss/cs.LG`
 * with no If-None-Match (a CDN miss on a warm function: one store read, the body memoised).
 * CPU is process.cpuUsage() of that process, read over IPC before and after each round, so the
 * client (this process), the Upstash REST endpoint (its own child) and redis-server are not in it.
 *
 * Variants: memory (the baseline), the embedded file store (SQLite), Redis, Upstash over the
 * real redis-server, and Upstash with lib/store/upstash.ts as it was at each `commit` (default
 * 7963dd8, before reads dropped base64), everything else the same. Rounds visit every variant in
 * turn, so a ratio is taken within a round (the machine is shared) and the median of those is
 * reported. `BENCH_QUICK=1` for a short run; `STORE_CPU_ROUNDS`, `STORE_CPU_REQUESTS` to tune.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { Agent } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type ArxivServer, startArxivServer } from "../tests/helpers/arxiv-server.js";
import { isQuick } from "./context.js";
import { type FileAtCommit, fileAtCommit } from "./file-at-commit.js";
import { httpGet, keepAliveAgent } from "./http-get.js";
import { type ServerProcess, startServerProcess } from "./server-process.js";
import { median, times } from "./stats.js";
import { startUpstashBackend, type UpstashBackend } from "./upstash-backend.js";

const PATH = "/rss/cs.LG";
const COMMITS = process.argv.length > 2 ? process.argv.slice(2) : ["7963dd8"];
const quick = isQuick();
const ROUNDS = Number(process.env.STORE_CPU_ROUNDS ?? (quick ? 3 : 20));
const REQUESTS = Number(process.env.STORE_CPU_REQUESTS ?? (quick ? 100 : 200));
const WARMUP = quick ? 100 : 500;

type Driver = "memory" | "file" | "redis" | "upstash";

/** One server to measure: a driver, and the Node options that pick its code. */
interface Variant {
  label: string;
  driver: Driver;
  execArgv?: string[];
}

/** What one variant measured in each round, and what its read cost on the wire. */
interface Measured {
  variant: Variant;
  server: ServerProcess;
  agent: Agent;
  /** CPU µs per request, user and system, one entry per round. */
  user: number[];
  system: number[];
  /** Upstash only: store commands and REST response bytes per feed request. */
  commandsPerRequest?: number;
  restBytesPerRequest?: number;
  /** Upstash only: whether its reads asked for base64 results. */
  base64?: boolean;
}

/** The service's environment for `driver`: summaries off, the loopback arXiv, a fresh key space. */
function serviceEnv(driver: Driver, arxiv: ArxivServer, backend: UpstashBackend, dataDir: string) {
  const env: NodeJS.ProcessEnv = { ...process.env };
  const config = JSON.parse(readFileSync(resolve("config.json"), "utf8")) as {
    ai_summary?: { api_key_env?: string };
  };
  const inherited = [
    "UPSTASH_REDIS_REST_URL",
    "UPSTASH_REDIS_REST_TOKEN",
    "KV_REST_API_URL",
    "KV_REST_API_TOKEN",
  ];
  for (const name of [...inherited, "REDIS_URL", "PUBLIC_BASE_URL", "VERCEL", "DATA_DIR"]) delete env[name];
  delete env[config.ai_summary?.api_key_env ?? "OPENAI_API_KEY"];
  Object.assign(env, {
    STORE: driver,
    CONFIG_PATH: resolve("config.json"),
    ARXIV_BASE_URL: arxiv.url,
    ARXIV_MIN_INTERVAL_MS: "0",
    ARXIV_TIMEOUT_MS: "10000",
    ARXIV_MAX_RETRIES: "0",
    KEY_PREFIX: `cpu${randomBytes(4).toString("hex")}:`,
  });
  if (driver === "file") env.DATA_DIR = join(dataDir, `store-${randomBytes(4).toString("hex")}`);
  if (driver === "redis") env.REDIS_URL = backend.redisUrl;
  if (driver === "upstash")
    Object.assign(env, { UPSTASH_REDIS_REST_URL: backend.url, UPSTASH_REDIS_REST_TOKEN: backend.token });
  return env;
}

/** `count` sequential GETs of the feed (status 200 required); the body of the last. */
async function getFeed(url: string, count: number, agent: Agent): Promise<Buffer> {
  let body: Buffer = Buffer.alloc(0);
  for (let i = 0; i < count; i++) {
    const response = await httpGet(url + PATH, agent);
    if (response.status !== 200) throw new Error(`${url}${PATH}: status ${response.status}`);
    body = response.body;
  }
  return body;
}

/** One round on one variant: CPU (and, on Upstash, REST traffic) over `REQUESTS` requests. */
async function round(measured: Measured, backend: UpstashBackend) {
  const { server, agent, variant } = measured;
  if (variant.driver === "upstash") await backend.resetStats();
  const before = await server.cpu();
  await getFeed(server.url, REQUESTS, agent);
  const after = await server.cpu();
  measured.user.push((after.user - before.user) / REQUESTS);
  measured.system.push((after.system - before.system) / REQUESTS);
  if (variant.driver === "upstash") {
    const stats = await backend.stats();
    measured.commandsPerRequest = stats.commands / REQUESTS;
    measured.restBytesPerRequest = stats.bytesSent / REQUESTS;
    measured.base64 = stats.base64Requests > 0;
  }
}

const total = (m: Measured) => m.user.map((user, i) => user + (m.system[i] ?? 0));
const us = (value: number) => Math.round(value).toLocaleString("en-US");

/** The markdown table: medians, the range of rounds, and the median of in-round ratios to memory. */
function table(all: Measured[]): string {
  const base = total(all[0] as Measured);
  const rows = all.map((m) => {
    const cpu = total(m);
    const ratios = cpu.map((value, i) => value / (base[i] ?? Number.NaN));
    const wire =
      m.commandsPerRequest === undefined
        ? ""
        : `${m.commandsPerRequest} command, ${us(m.restBytesPerRequest ?? 0)} B REST response (${m.base64 ? "base64" : "JSON string"})`;
    return (
      `| ${m.variant.label} | ${us(median(cpu))} | ${us(Math.min(...cpu))}–${us(Math.max(...cpu))} | ` +
      `${us(median(m.user))} / ${us(median(m.system))} | ${times(median(ratios))} | ${wire} |`
    );
  });
  return [
    "| store | CPU µs / request (median) | range of rounds | user / system µs | vs memory (median of rounds) | per request on the wire |",
    "|---|---:|---:|---:|---:|---|",
    ...rows,
  ].join("\n");
}

/** Starts every variant's server (one at a time: each runs a refresh) with a warm-up. */
async function startAll(variants: Variant[], arxiv: ArxivServer, backend: UpstashBackend, dataDir: string) {
  const started: Measured[] = [];
  try {
    for (const variant of variants) {
      const env = serviceEnv(variant.driver, arxiv, backend, dataDir);
      const server = await startServerProcess(variant.label, env, variant.execArgv);
      started.push({ variant, server, agent: keepAliveAgent(), user: [], system: [] });
    }
    return started;
  } catch (error) {
    await stopAll(started);
    throw error;
  }
}

async function stopAll(all: Measured[]) {
  for (const m of all) m.agent.destroy();
  await Promise.all(all.map((m) => m.server.stop()));
}

async function main() {
  const olderDrivers: FileAtCommit[] = COMMITS.map((commit) => fileAtCommit(commit, "lib/store/upstash.ts"));
  const variants: Variant[] = [
    { label: "memory (baseline)", driver: "memory" },
    { label: "embedded file (SQLite)", driver: "file" },
    { label: "Redis (node-redis over TCP, real redis-server)", driver: "redis" },
    ...olderDrivers.map(
      (older, i): Variant => ({
        label: `Upstash, lib/store/upstash.ts at ${COMMITS[i]}`,
        driver: "upstash",
        execArgv: older.execArgv,
      }),
    ),
    { label: "Upstash, working tree (@upstash/redis REST, real redis-server)", driver: "upstash" },
  ];
  const arxiv = await startArxivServer();
  const backend = await startUpstashBackend();
  const dataDir = mkdtempSync(join(tmpdir(), "axf-bench-cpu-"));
  let all: Measured[] = [];
  try {
    all = await startAll(variants, arxiv, backend, dataDir);
    const body = await getFeed(all[0]?.server.url ?? "", 1, all[0]?.agent as Agent);
    for (const m of all) await getFeed(m.server.url, WARMUP, m.agent);
    // Every round visits every variant, in alternating directions so none always goes first.
    for (let r = 0; r < ROUNDS; r++)
      for (const m of r % 2 ? [...all].reverse() : all) await round(m, backend);
    const items = body.toString("utf8").split("<item>").length - 1;
    console.log(
      `${PATH} after a full-day refresh: ${body.length.toLocaleString("en-US")} B body, ${items} items; ` +
        `${ROUNDS} rounds × ${REQUESTS} sequential keep-alive requests per store (after ${WARMUP} warm-up), no If-None-Match\n`,
    );
    console.log(table(all));
  } finally {
    await stopAll(all);
    await backend.stop();
    await arxiv.stop();
    for (const older of olderDrivers) older.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
