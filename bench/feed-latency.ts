import type { BenchContext } from "./context.js";
import { configuredAndRefreshed, type Harness } from "./harness.js";
import { httpGet, keepAliveAgent } from "./http-get.js";
import { contentHeaders, startPlainServer } from "./plain-server.js";
import { ms, percentile, times } from "./stats.js";

export interface FeedLatencyOptions {
  /** Sequential requests per target (default 1,000; quick 100). */
  requests?: number;
  path?: string;
}

export interface LatencyPair {
  store: "memory" | "upstash";
  bodyBytes: number;
  /** ms */
  p50: number;
  p99: number;
  baselineP50: number;
  baselineP99: number;
}

/**
 * Sequential keep-alive GETs of `path` from the local server and from a plain Node `http` server
 * holding the same bytes, alternating request by request so both see the same machine noise.
 */
async function measure(harness: Harness, path: string, requests: number, store: "memory" | "upstash") {
  await configuredAndRefreshed(harness, { store });
  const serviceAgent = keepAliveAgent();
  const plainAgent = keepAliveAgent();
  const first = await httpGet(harness.url + path, serviceAgent);
  if (first.status !== 200) throw new Error(`${path}: status ${first.status}`);
  const plain = await startPlainServer(first.body, contentHeaders(first.headers));
  try {
    const service: number[] = [];
    const baseline: number[] = [];
    const warmup = Math.min(100, Math.ceil(requests / 5));
    for (let i = 0; i < warmup + requests; i++) {
      const order = i % 2 === 0 ? ([true, false] as const) : ([false, true] as const);
      for (const isService of order) {
        const response = isService
          ? await httpGet(harness.url + path, serviceAgent)
          : await httpGet(plain.url + path, plainAgent);
        if (response.status !== 200) throw new Error(`${path}: status ${response.status}`);
        if (i >= warmup) (isService ? service : baseline).push(response.ms);
      }
    }
    const pair: LatencyPair = {
      store,
      bodyBytes: first.body.length,
      p50: percentile(service, 50),
      p99: percentile(service, 99),
      baselineP50: percentile(baseline, 50),
      baselineP99: percentile(baseline, 99),
    };
    return pair;
  } finally {
    serviceAgent.destroy();
    plainAgent.destroy();
    await plain.close();
  }
}

/** Issue 4's figure: feed request latency with the memory store and with Upstash-over-real-Redis. */
export async function benchFeedLatency(
  ctx: BenchContext,
  harness: Harness,
  options: FeedLatencyOptions = {},
): Promise<LatencyPair[]> {
  const section = "4. Feed request latency";
  const path = options.path ?? "/rss/cs.LG";
  const requests = options.requests ?? (ctx.quick ? 100 : 1000);
  const pairs: LatencyPair[] = [];
  for (const store of ["memory", "upstash"] as const) {
    const pair = await measure(harness, path, requests, store);
    pairs.push(pair);
    const label = store === "memory" ? "memory store" : "Upstash REST over real redis-server";
    for (const p of ["p50", "p99"] as const) {
      const value = p === "p50" ? pair.p50 : pair.p99;
      const base = p === "p50" ? pair.baselineP50 : pair.baselineP99;
      ctx.record({
        section,
        name: `${path} ${p}, ${label} (${requests} sequential keep-alive requests, ${pair.bodyBytes.toLocaleString("en-US")} B)`,
        value: ms(value),
        baseline: `plain node:http, same bytes ${ms(base)}`,
        ratio: times(value / base),
      });
    }
  }
  return pairs;
}
