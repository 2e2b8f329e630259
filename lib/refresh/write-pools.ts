import type { PoolSnapshot } from "../model/snapshot.js";
import { poolTtlSeconds } from "../rank/pool-window.js";
import { packPool, poolHead, poolPapers } from "../store/pool-codec.js";
import type { Store } from "../store/types.js";

/** A day's pool and the key (slot) it goes to. */
export interface PoolWrite {
  key: string;
  pool: PoolSnapshot;
}

/**
 * Adds to each pool the papers the same day's stored pool has and it lacks. Used when some
 * category failed: a catch-up run that lost one category must not shrink the combined feed's
 * pool of a day an earlier run had whole. Unreadable stored pools are skipped (they are replaced).
 */
async function withStoredSameDay(store: Store, writes: readonly PoolWrite[], log: (line: string) => void) {
  let stored: unknown[];
  try {
    stored = await store.getMany(writes.map((w) => w.key));
  } catch (error) {
    log(
      `stored pools not read (${error instanceof Error ? error.message : String(error)}); writing this run's`,
    );
    return writes;
  }
  return writes.map((write, i) => {
    const value = stored[i];
    if (value === null || value === undefined) return write;
    try {
      if (poolHead(write.key, value).announced !== write.pool.announced) return write;
      const have = new Set(write.pool.papers.map((p) => p.id));
      const kept = poolPapers(write.key, value).filter((p) => !have.has(p.id));
      return { ...write, pool: { ...write.pool, papers: [...write.pool.papers, ...kept] } };
    } catch {
      return write;
    }
  });
}

/**
 * Writes each feed's pool of the day, gzipped, one per request and in parallel (so no request
 * nears Upstash's 10 MB however many categories there are), with a TTL a little past the window.
 */
export async function writePools(
  store: Store,
  writes: readonly PoolWrite[],
  options: { days: number; partial: boolean; log: (line: string) => void },
): Promise<void> {
  const final = options.partial ? await withStoredSameDay(store, writes, options.log) : writes;
  const ttlSeconds = poolTtlSeconds(options.days);
  await Promise.all(final.map(({ key, pool }) => store.set(key, packPool(pool), { ttlSeconds })));
}
