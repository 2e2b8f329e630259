import { ALL_FEED, type PoolSnapshot } from "../model/snapshot.js";
import { poolTtlSeconds } from "../rank/pool-window.js";
import { getEach } from "../store/get-each.js";
import { packPool, poolHead, poolPapers } from "../store/pool-codec.js";
import { type Store, StoreDataError } from "../store/types.js";

/** A day's pool and the key (slot) it goes to. */
export interface PoolWrite {
  key: string;
  pool: PoolSnapshot;
}

/**
 * Adds to the combined feed's pool the papers the same day's stored one has and it lacks. Used
 * when a category did not come through: a catch-up run that lost one must not shrink the `all`
 * pool of a day an earlier run had whole (a category's own pool is then not written at all).
 * An unreadable stored pool is skipped (it is replaced).
 */
async function withStoredSameDay(
  store: Store,
  write: PoolWrite,
  log: (line: string) => void,
): Promise<PoolWrite> {
  let value: unknown;
  try {
    [value] = await getEach(store, [write.key]);
  } catch (error) {
    log(
      `stored pool not read (${error instanceof Error ? error.message : String(error)}); writing this run's`,
    );
    return write;
  }
  if (value === null || value === undefined || value instanceof StoreDataError) return write;
  try {
    if (poolHead(write.key, value).announced !== write.pool.announced) return write;
    const have = new Set(write.pool.papers.map((p) => p.id));
    const kept = poolPapers(write.key, value).filter((p) => !have.has(p.id));
    return { ...write, pool: { ...write.pool, papers: [...write.pool.papers, ...kept] } };
  } catch {
    return write;
  }
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
  const final = await Promise.all(
    writes.map((write) =>
      options.partial && write.pool.name === ALL_FEED ? withStoredSameDay(store, write, options.log) : write,
    ),
  );
  const ttlSeconds = poolTtlSeconds(options.days);
  await Promise.all(final.map(({ key, pool }) => store.set(key, packPool(pool), { ttlSeconds })));
}
