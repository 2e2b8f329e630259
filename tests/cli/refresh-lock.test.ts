/**
 * A refresh that is interrupted or killed does not block the next one (issue 10, item 5): real
 * `npm run refresh` children, held mid-refresh by a loopback arXiv that never answers, then
 * stopped with Ctrl-C (SIGINT), SIGTERM or SIGKILL.
 */
import { hostname } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFileStore } from "../../lib/store/file.js";
import { readLockHolder } from "../../lib/store/lock-holder.js";
import { createRedisStore } from "../../lib/store/redis.js";
import { type ArxivServer, startArxivServer } from "../helpers/arxiv-server.js";
import { freePort, type RedisServer, startRedisServer } from "../helpers/redis-server.js";
import { type RefreshCli, refreshEnv, startRefreshCli, waitUntil } from "../helpers/refresh-cli.js";

let arxiv: ArxivServer;
let redis: RedisServer;
const running: RefreshCli[] = [];

beforeAll(async () => {
  [arxiv, redis] = await Promise.all([startArxivServer(), startRedisServer()]);
});
afterAll(async () => {
  for (const cli of running) cli.kill("SIGKILL");
  await Promise.all([arxiv?.stop(), redis?.stop()]);
});

/** The refresh's own "published …" line. */
const PUBLISHED_LINE = /^\s*published .*\n/m;
const BUSY_EXIT = 75;

const start = (env: Record<string, string>, script?: string) => {
  const cli = startRefreshCli(env, script);
  running.push(cli);
  return cli;
};

/** Starts a refresh and resolves once it holds the lock and waits on arXiv (which never answers). */
async function startHeld(env: Record<string, string>, script?: string): Promise<RefreshCli> {
  arxiv.reset();
  arxiv.setMode("*", "timeout");
  const cli = start(env, script);
  await waitUntil(() => arxiv.totalRequests() > 0, 40_000, `the refresh to call arXiv:\n${cli.output()}`);
  return cli;
}

/** Runs a refresh to its end against the working arXiv fixtures. */
async function refreshToEnd(env: Record<string, string>) {
  arxiv.reset();
  const cli = start(env);
  const code = await cli.exited;
  return { code, output: cli.output() };
}

describe("npm run refresh, interrupted or killed", () => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`${signal} mid-refresh releases the lock: it exits non-zero, and the next refresh publishes`, async () => {
      const env = refreshEnv(arxiv.url);
      const first = await startHeld(env);
      first.kill(signal);
      expect(await first.exited).not.toBe(0);
      expect(first.output()).toContain(`refresh interrupted by ${signal}: stopped, and its lock released`);
      const next = await refreshToEnd(env);
      expect(next.output).toMatch(PUBLISHED_LINE);
      expect(next.code).toBe(0);
    }, 90_000);
  }

  it("npm start stopped with Ctrl-C during its first refresh releases the lock and exits", async () => {
    const env = { ...refreshEnv(arxiv.url), PORT: String(await freePort()) };
    const server = await startHeld(env, "start");
    server.kill("SIGINT");
    expect(await server.exited).not.toBe(0);
    expect(server.output()).toContain("refresh interrupted by SIGINT: its lock is released");
    const next = await refreshToEnd(env);
    expect(next.output).toMatch(PUBLISHED_LINE);
    expect(next.code).toBe(0);
  }, 90_000);

  it("SIGKILL mid-refresh (file store): its holder is a dead process, so the next refresh publishes at once", async () => {
    const env = refreshEnv(arxiv.url);
    const first = await startHeld(env);
    first.kill("SIGKILL");
    await first.exited;
    const next = await refreshToEnd(env);
    expect(next.output).not.toContain("another refresh is running");
    expect(next.output).toMatch(PUBLISHED_LINE);
    expect(next.code).toBe(0);
  }, 90_000);

  it("SIGKILL mid-refresh (Redis): the lock it left expires after its short TTL, then the next one publishes", async () => {
    const keyPrefix = `t${process.pid}:`;
    const env = { ...refreshEnv(arxiv.url), STORE: "redis", REDIS_URL: redis.url, KEY_PREFIX: keyPrefix };
    const store = createRedisStore({ url: redis.url, keyPrefix });
    try {
      // A TTL of 4 s renewed every 1.3 s: the held refresh outlives its first TTL.
      const first = await startHeld({ ...env, REFRESH_LOCK_SECONDS: "4" });
      await new Promise((resolve) => setTimeout(resolve, 5000));
      expect(await store.acquireLock("refresh", 60), "the running refresh lost its lock").toBeNull();
      first.kill("SIGKILL");
      await first.exited;
      const killedAt = Date.now();
      expect(await readLockHolder(store, "refresh")).toMatchObject({ host: hostname() });
      for (;;) {
        if ((await readLockHolder(store, "refresh")) === null) break;
        expect(Date.now() - killedAt, "the dead refresh's lock outlived a minute").toBeLessThan(60_000);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const next = await refreshToEnd(env);
      expect(next.output).toMatch(PUBLISHED_LINE);
      expect(next.code).toBe(0);
    } finally {
      await store.close();
    }
  }, 120_000);

  it("refused while another process holds the lock: names it, since when and until when, and exits 75", async () => {
    const env = refreshEnv(arxiv.url);
    const holder = createFileStore({ dir: env.DATA_DIR ?? "", keyPrefix: "axf:" });
    const token = await holder.acquireLock("refresh", 600);
    expect(token).not.toBeNull();
    const { code, output } = await refreshToEnd(env);
    const pattern = `not refreshed: another refresh is running \\(pid ${process.pid} on ${hostname()} since 20\\S+Z, expires 20\\S+Z\\)`;
    expect(output).toMatch(new RegExp(pattern));
    expect(code).toBe(BUSY_EXIT);
    await holder.releaseLock("refresh", token as string);
  }, 90_000);
});
