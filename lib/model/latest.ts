/**
 * The latest of some times or days, undefined when there are none. Every time the service
 * stores is ISO 8601 in UTC (`toISOString`) and every day `YYYY-MM-DD`, so text order is time order.
 */
export function latest(values: Iterable<string | null | undefined>): string | undefined {
  let best: string | undefined;
  for (const value of values) if (value && (best === undefined || value > best)) best = value;
  return best;
}
