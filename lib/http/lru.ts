/**
 * A per-instance cache that keeps what was used last, bounded by entries and by a total weight
 * (characters, papers). Warm functions use it for what a version already determines: rendered
 * bodies per ETag, unzipped pools per pool version, ranked personal windows per window version.
 */
export interface Lru<V> {
  /** The value under `key`, built (and kept, if it fits) on a miss. */
  get(key: string, build: () => V): V;
  /** Whether `key` is kept (without counting as a use). */
  has(key: string): boolean;
  /** Forgets everything. */
  clear(): void;
}

export function createLru<V>(options: {
  maxEntries: number;
  maxWeight: number;
  weight: (value: V) => number;
}): Lru<V> {
  const entries = new Map<string, V>();
  let total = 0;
  return {
    has: (key) => entries.has(key),
    clear: () => {
      entries.clear();
      total = 0;
    },
    get(key, build) {
      if (entries.has(key)) {
        const hit = entries.get(key) as V;
        entries.delete(key);
        entries.set(key, hit);
        return hit;
      }
      const value = build();
      const weight = options.weight(value);
      // One value heavier than a quarter of the budget would only push everything else out.
      if (weight > options.maxWeight / 4) return value;
      entries.set(key, value);
      total += weight;
      for (const [oldest, old] of entries) {
        if (entries.size <= options.maxEntries && total <= options.maxWeight) break;
        entries.delete(oldest);
        total -= options.weight(old);
      }
      return value;
    },
  };
}
