import type { BenchContext } from "./context.js";
import { configuredAndRefreshed, type Harness } from "./harness.js";
import { withPlainServer } from "./plain-server.js";
import { rps, times } from "./stats.js";
import { PERSONAL_FEED } from "./store-commands.js";
import { type VersusPlain, versusPlain } from "./versus-plain.js";

export interface ThroughputOptions {
  connections?: number;
  /** Seconds per run (default 10; quick 2). */
  durationSec?: number;
}

export interface ThroughputResult {
  runs: VersusPlain[];
  /** False when the personal-feed parameters changed nothing (not implemented yet). */
}

/** Issue 5's figure: requests per second for a category feed and a personal feed (memory store). */
export async function benchThroughput(
  ctx: BenchContext,
  harness: Harness,
  options: ThroughputOptions = {},
): Promise<ThroughputResult> {
  const section = "6. Requests per second";
  const connections = options.connections ?? 10;
  const durationSec = options.durationSec ?? (ctx.quick ? 2 : 10);
  await configuredAndRefreshed(harness, { store: "memory" });
  const runs = await withPlainServer(async (plain) => {
    const done: VersusPlain[] = [];
    for (const path of ["/rss/cs.LG", PERSONAL_FEED]) {
      const timing = { connections, serviceSec: durationSec, plainSec: durationSec };
      done.push(await versusPlain(harness, plain, path, timing));
    }
    return done;
  });
  for (const run of runs) {
    const failures = run.service.errors + run.service.timeouts + run.service.non2xx;
    ctx.record({
      section,
      name: `${run.path}, memory store (${connections} connections, ${durationSec} s, ${run.bodyBytes.toLocaleString("en-US")} B, ${run.items ?? "?"} items)`,
      value: rps(run.service.rps),
      baseline: `plain node:http, same bytes ${rps(run.plain.rps)}`,
      ratio: times(run.service.rps / run.plain.rps),
      note: failures ? `${failures} errors/timeouts/non-2xx` : undefined,
    });
  }
  return { runs };
}
