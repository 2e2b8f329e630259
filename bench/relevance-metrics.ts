/** Ranking-quality measures and a seeded random source for `bench/relevance.ts`. */

/** Share of the first `k` of `ranked` that are relevant (a ranking shorter than `k` counts its gaps as misses). */
export function precisionAt(ranked: readonly boolean[], k: number): number {
  let hits = 0;
  for (let i = 0; i < k && i < ranked.length; i++) if (ranked[i]) hits++;
  return hits / k;
}

/** Binary-relevance nDCG at `k`: gain 1 / log2(rank + 1), over the best possible with `relevant` hits. */
export function ndcgAt(ranked: readonly boolean[], k: number, relevant: number): number {
  const gain = (rank: number) => 1 / Math.log2(rank + 2);
  let dcg = 0;
  for (let i = 0; i < k && i < ranked.length; i++) if (ranked[i]) dcg += gain(i);
  let ideal = 0;
  for (let i = 0; i < Math.min(k, relevant); i++) ideal += gain(i);
  return ideal === 0 ? 0 : dcg / ideal;
}

/** mulberry32: a small seeded generator of numbers in [0, 1), so every run draws the same tasks. */
export function seededRandom(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A shuffled copy of `items` (Fisher–Yates with `random`). */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

export const mean = (values: readonly number[]): number =>
  values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : Number.NaN;

/** The `p`-quantile (0–1) of `values`, nearest rank. */
export function quantile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;
}
