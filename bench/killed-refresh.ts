/**
 * `npx tsx bench/killed-refresh.ts`: the time from a refresh killed mid-run to the next
 * successful one, as a user or cron would get it: real `npm run refresh` children against the
 * loopback arXiv (held open, never answering, until the kill), each next run retried once a
 * second while it is refused (exit 75). The baseline is one uninterrupted refresh, child start
 * included. Default lock TTL (60 s); the file store and a real redis-server. Also a step of
 * `npm run bench`.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { pathToFileURL } from "node:url";
import { type ArxivServer, startArxivServer } from "../tests/helpers/arxiv-server.js";
import { startRedisServer } from "../tests/helpers/redis-server.js";
import { refreshEnv, startRefreshCli, waitUntil } from "../tests/helpers/refresh-cli.js";
import { type BenchContext, createContext } from "./context.js";

const BUSY_EXIT = 75;

/** Runs refreshes until one exits 0; returns how many were refused first. */
async function refreshUntilDone(arxiv: ArxivServer, env: Record<string, string>): Promise<number> {
  arxiv.reset();
  for (let refused = 0; ; refused++) {
    const cli = startRefreshCli(env);
    const code = await cli.exited;
    if (code === 0) return refused;
    if (code !== BUSY_EXIT) throw new Error(`refresh failed (${code}):\n${cli.output()}`);
    await sleep(1000);
  }
}

/** Seconds from killing a held refresh with `signal` to the end of the next successful one. */
async function killToSuccess(arxiv: ArxivServer, env: Record<string, string>, signal: NodeJS.Signals) {
  arxiv.reset();
  arxiv.setMode("*", "timeout");
  const held = startRefreshCli(env);
  await waitUntil(() => arxiv.totalRequests() > 0, 60_000, "the refresh to call arXiv");
  const killed = performance.now();
  held.kill(signal);
  await held.exited;
  const refused = await refreshUntilDone(arxiv, env);
  return { seconds: (performance.now() - killed) / 1000, refused };
}

const SECTION = "9. Crash recovery";

/**
 * Records, per store and signal, the time from a killed refresh to the next successful one
 * against one uninterrupted refresh measured first. Quick mode: the file store, SIGINT only.
 */
export async function benchKilledRefresh(ctx: BenchContext): Promise<void> {
  const [arxiv, redis] = await Promise.all([startArxivServer(), startRedisServer()]);
  try {
    const started = performance.now();
    await refreshUntilDone(arxiv, refreshEnv(arxiv.url));
    const baseline = (performance.now() - started) / 1000;
    const stores = {
      file: () => refreshEnv(arxiv.url),
      redis: () => ({
        ...refreshEnv(arxiv.url),
        STORE: "redis",
        REDIS_URL: redis.url,
        KEY_PREFIX: `b${Date.now()}:`,
      }),
    };
    const cases = Object.entries(stores).flatMap(([store, env]) =>
      (["SIGINT", "SIGKILL"] as const).map((signal) => ({ store, env, signal })),
    );
    for (const { store, env, signal } of ctx.quick ? cases.slice(0, 1) : cases) {
      const { seconds, refused } = await killToSuccess(arxiv, env(), signal);
      ctx.record({
        section: SECTION,
        name: `${store} store, refresh killed by ${signal}: time to the next successful refresh`,
        value: `${seconds.toFixed(1)} s`,
        baseline: `one uninterrupted npm run refresh ${baseline.toFixed(1)} s`,
        ratio: `${(seconds / baseline).toFixed(2)}×`,
        goal: "within a minute of the crash (was 15 min)",
        met: seconds <= 60 + baseline + 5,
        note:
          `${refused} refused first (exit 75, retried each second); ` +
          (signal === "SIGKILL" && store === "redis"
            ? "a dead holder elsewhere is known only by its lock's 60 s TTL"
            : "the lock is released on the signal, or its holder is seen dead on this host"),
      });
    }
  } finally {
    await Promise.all([arxiv.stop(), redis.stop()]);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchKilledRefresh(createContext());
}
