import type { BenchContext } from "./context.js";
import { configuredAndRefreshed, type Harness } from "./harness.js";
import { withPlainServer } from "./plain-server.js";
import { ms, rps, times } from "./stats.js";
import { PERSONAL_FEED } from "./store-commands.js";
import { probe, type VersusPlain, versusPlain } from "./versus-plain.js";

export interface LoadOptions {
  connections?: number;
  /** Seconds against the service (default 30; quick 5). */
  durationSec?: number;
  /** Seconds against the plain baseline (default 10; quick 2): a rate needs less. */
  baselineSec?: number;
}

export interface LoadBenchResult {
  runs: VersusPlain[];
  /** Paths that answered 404 (route not built yet). */
}

/** The JSON API list endpoint issue 6 loads. */
export const API_PAPERS = "/api/papers";

/**
 * Issue 6's load test: autocannon against the local server with Upstash-over-real-Redis on a
 * category feed, a personal feed and the JSON API; zero errors and non-2xx required.
 */
export async function benchLoad(
  ctx: BenchContext,
  harness: Harness,
  options: LoadOptions = {},
): Promise<LoadBenchResult> {
  const section = "7. Load (Upstash over real redis-server)";
  const connections = options.connections ?? 50;
  const durationSec = options.durationSec ?? (ctx.quick ? 5 : 30);
  const baselineSec = options.baselineSec ?? (ctx.quick ? 2 : 10);
  await configuredAndRefreshed(harness, { store: "upstash" });
  const runs = await withPlainServer(async (plain) => {
    const done: VersusPlain[] = [];
    for (const path of ["/rss/cs.LG", PERSONAL_FEED, API_PAPERS]) {
      const first = await probe(harness, path);
      if (first.status !== 200) throw new Error(`${path}: status ${first.status} before the load run`);
      const timing = { connections, serviceSec: durationSec, plainSec: baselineSec };
      done.push(await versusPlain(harness, plain, path, timing));
    }
    return done;
  });
  for (const run of runs) {
    const s = run.service;
    const failures = s.errors + s.timeouts + s.non2xx;
    ctx.record({
      section,
      name: `${run.path} (${connections} connections, ${durationSec} s, ${run.bodyBytes.toLocaleString("en-US")} B, ${run.items ?? "?"} items): ${s.requests.toLocaleString("en-US")} requests`,
      value: `${rps(s.rps)}; latency p50 ${ms(s.p50)}, p90 ${ms(s.p90)}, p99 ${ms(s.p99)}, max ${ms(s.max)}`,
      baseline: `plain node:http, same bytes (${baselineSec} s) ${rps(run.plain.rps)}, p50 ${ms(run.plain.p50)}, p99 ${ms(run.plain.p99)}`,
      ratio: times(s.rps / run.plain.rps),
      goal: "0 errors, 0 non-2xx",
      met: failures === 0,
      note: `errors ${s.errors}, timeouts ${s.timeouts}, non-2xx ${s.non2xx}; status ${JSON.stringify(s.statusCodes)}`,
    });
  }
  return { runs };
}
