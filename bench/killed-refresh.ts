/**
 * `npx tsx bench/killed-refresh.ts`: the time from a refresh killed mid-run to the next
 * successful one, as a user or cron would get it: real `npm run refresh` children against the
 * loopback arXiv (held open, never answering, until the kill), each next run retried once a
 * second while it is refused (exit 75). The baseline is one uninterrupted refresh, child start
 * included. Default lock TTL (60 s); the file store and a real redis-server.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { type ArxivServer, startArxivServer } from "../tests/helpers/arxiv-server.js";
import { startRedisServer } from "../tests/helpers/redis-server.js";
import { refreshEnv, startRefreshCli, waitUntil } from "../tests/helpers/refresh-cli.js";

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

async function main(): Promise<void> {
  const [arxiv, redis] = await Promise.all([startArxivServer(), startRedisServer()]);
  try {
    const started = performance.now();
    await refreshUntilDone(arxiv, refreshEnv(arxiv.url));
    const baseline = (performance.now() - started) / 1000;
    console.log(`baseline: one uninterrupted npm run refresh: ${baseline.toFixed(1)} s`);
    const stores = {
      file: () => refreshEnv(arxiv.url),
      redis: () => ({
        ...refreshEnv(arxiv.url),
        STORE: "redis",
        REDIS_URL: redis.url,
        KEY_PREFIX: `b${Date.now()}:`,
      }),
    };
    for (const [store, env] of Object.entries(stores)) {
      for (const signal of ["SIGINT", "SIGKILL"] as const) {
        const { seconds, refused } = await killToSuccess(arxiv, env(), signal);
        console.log(
          `${store} store, ${signal}: killed → next successful refresh ${seconds.toFixed(1)} s ` +
            `(${(seconds / baseline).toFixed(2)}× baseline; ${refused} refused first)`,
        );
      }
    }
  } finally {
    await Promise.all([arxiv.stop(), redis.stop()]);
  }
}

await main();
