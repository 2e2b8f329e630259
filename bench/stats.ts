/** Small statistics and formatting helpers for the benches. */

/** Nearest-rank percentile (p in 0–100) of unsorted samples; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

export const median = (samples: readonly number[]): number => percentile(samples, 50);

/** Milliseconds, 3 significant digits (`0.412 ms`, `12.3 ms`, `1,234 ms`). */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  if (value >= 1000) return `${Math.round(value).toLocaleString("en-US")} ms`;
  return `${Number(value.toPrecision(3))} ms`;
}

/** A ratio such as `1.32×`. */
export function times(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  return `${value >= 100 ? Math.round(value) : Number(value.toPrecision(3))}×`;
}

/** Bytes with thousands separators and a human unit (`101,265 B (98.9 KiB)`). */
export function bytes(value: number): string {
  const exact = `${value.toLocaleString("en-US")} B`;
  if (value < 1024) return exact;
  if (value < 1024 ** 2) return `${exact} (${(value / 1024).toFixed(1)} KiB)`;
  return `${exact} (${(value / 1024 ** 2).toFixed(2)} MiB)`;
}

/** Requests per second, rounded. */
export const rps = (value: number): string =>
  Number.isFinite(value) ? `${Math.round(value).toLocaleString("en-US")} req/s` : "n/a";

/** Elapsed milliseconds of a synchronous function. */
export function timeSync(fn: () => unknown): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Elapsed milliseconds of an async function, with its result. */
export async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}
