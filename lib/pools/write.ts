import { mergeById } from "../model/merge-by-id.js";
import { ALL_FEED, type PoolSnapshot } from "../model/snapshot.js";
import { getEach } from "../store/get-each.js";
import { type Store, StoreDataError } from "../store/types.js";
import { packPool, poolHead, poolPapers } from "./codec.js";
import { poolTtlSeconds } from "./slots.js";

/** A day's pool and the key (slot, `dayPoolKey`) it goes to. */
export interface PoolWrite {
  key: string;
  pool: PoolSnapshot;
}

/** How `writeDayPools` writes. */
export interface PoolWriteOptions {
  /** Calendar days of pools kept (`poolDays`): sets their TTL. */
  days: number;
  /** The combined feed's pool misses categories this run: merge it with the stored one of its day. */
  partial: boolean;
  log: (line: string) => void;
  /** Largest atomic publish, bytes of request body (default `ATOMIC_PUBLISH_BUDGET`). */
  budgetBytes?: number;
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
    const papers = mergeById([write.pool.papers, poolPapers(write.key, value)], { keep: "first" });
    return { ...write, pool: { ...write.pool, papers } };
  } catch (error) {
    if (!(error instanceof StoreDataError)) throw error;
    return write;
  }
}

/**
 * Largest publish, in bytes of request body, that takes the pools along: Upstash's limit is
 * 10 MB per request; the rest is margin for the body's own framing.
 */
const ATOMIC_PUBLISH_BUDGET = 7 * 1024 * 1024;

/** Bytes the values take in a MULTI/EXEC request body: each value's JSON, as a JSON string. */
const requestBytes = (values: Iterable<unknown>) => {
  let total = 0;
  for (const value of values) total += Buffer.byteLength(JSON.stringify(JSON.stringify(value) ?? ""));
  return total;
};

/**
 * Publishes the feeds and the run record (`entries`) together with each feed's pool of the day
 * (gzipped, with a TTL a little past the window) in one atomic write, so a reader never sees a
 * pool of one refresh beside the feeds of another, and a refresh that dies before it changes
 * nothing. Should that write pass the budget (very many categories), the pools are written
 * first, one per request, and the feeds after: personal feeds may then see a newer day early.
 */
export async function writeDayPools(
  store: Store,
  entries: Readonly<Record<string, unknown>>,
  writes: readonly PoolWrite[],
  options: PoolWriteOptions,
): Promise<void> {
  const budget = options.budgetBytes ?? ATOMIC_PUBLISH_BUDGET;
  const final = await Promise.all(
    writes.map((write) =>
      options.partial && write.pool.name === ALL_FEED ? withStoredSameDay(store, write, options.log) : write,
    ),
  );
  const ttlSeconds = poolTtlSeconds(options.days);
  const pools = Object.fromEntries(final.map(({ key, pool }) => [key, packPool(pool)]));
  const bytes = requestBytes(Object.values(entries)) + requestBytes(Object.values(pools));
  if (bytes <= budget) {
    const ttlSecondsByKey = Object.fromEntries(Object.keys(pools).map((key) => [key, ttlSeconds]));
    await store.publish({ ...entries, ...pools }, { ttlSecondsByKey });
    return;
  }
  options.log(`publish of ${bytes} bytes is over ${budget}: pools written first`);
  await Promise.all(Object.entries(pools).map(([key, value]) => store.set(key, value, { ttlSeconds })));
  await store.publish(entries);
}
