import autocannon from "autocannon";

/** What one autocannon run measured. */
export interface LoadResult {
  url: string;
  connections: number;
  /** Seconds actually run. */
  durationSec: number;
  requests: number;
  /** Completed requests ÷ duration. */
  rps: number;
  /** Latency percentiles, ms. */
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  /** Status code → responses. */
  statusCodes: Record<string, number>;
}

export interface LoadOptions {
  connections: number;
  /** Seconds. */
  durationSec: number;
}

/**
 * Runs autocannon against `url` from a worker thread, so the load generator does not share the
 * event loop of the server under test (which runs in this process).
 */
export async function runLoad(url: string, options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.durationSec,
    workers: 1,
    timeout: 10,
  });
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([code, stats]) => [code, stats.count]),
  );
  return {
    url,
    connections: options.connections,
    durationSec: result.duration,
    requests: result.requests.total,
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes,
  };
}
