import type { Config } from "../config/schema.js";
import type { FeedSnapshot, RankedPaper, SnapshotHead } from "../model/snapshot.js";
import { poolDays, poolSlots, poolWindow } from "../rank/pool-window.js";
import { getEach } from "../store/get-each.js";
import { getStore } from "../store/instance.js";
import { feedKey, poolKey } from "../store/keys.js";
import { poolHead, poolPapers } from "../store/pool-codec.js";
import { StoreDataError, StoreUnavailableError } from "../store/types.js";
import { createLru } from "./lru.js";
import { checkedSnapshot } from "./stored-snapshots.js";

/** The keys of every pool slot of feed `name`. */
const poolKeys = (name: string, config: Pick<Config, "days_back">): string[] =>
  poolSlots(poolDays(config)).map((slot) => poolKey(name, slot));

/**
 * Unzipped pools by key, version and day, so the next personal query on a warm instance skips
 * gunzip. Bounded by papers (about two weeks of a four-category `all` feed), not entries, as a
 * day's pool may hold 100 or 1,500. A corrupt pool is remembered too, not unzipped again.
 */
const decoded = createLru<RankedPaper[] | StoreDataError>({
  maxEntries: 64,
  maxWeight: 20_000,
  weight: (entry) => (Array.isArray(entry) ? entry.length : 1),
});

function decodedPapers(key: string, head: SnapshotHead, stored: unknown): RankedPaper[] {
  const entry = decoded.get(`${key}\n${head.version}\n${head.announced}`, () => {
    try {
      return poolPapers(key, stored);
    } catch (error) {
      if (!(error instanceof StoreDataError)) throw error;
      return error;
    }
  });
  if (entry instanceof StoreDataError) throw entry;
  return entry;
}

/**
 * Heads of the stored pools. Pools are optional data: one that cannot be read is logged and
 * skipped (its slot is rewritten when its day comes round, or expires), never a 503.
 */
function readHeads(keys: readonly string[], stored: readonly unknown[]): (SnapshotHead | null)[] {
  return keys.map((key, i) => {
    const value = stored[i] ?? null;
    if (value === null) return null;
    try {
      if (value instanceof StoreDataError) throw value;
      return poolHead(key, value);
    } catch (error) {
      console.error(`pool skipped: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  });
}

/** How Upstash (and Redis proxies) word a request or response over their size limit. */
const TOO_LARGE = /max[ a-z]*size|too large|payload/i;

/**
 * Every key's value in one command; should that answer pass the store's size limit (a week of
 * pools for very many categories), one command per key instead.
 */
async function readAll(keys: readonly string[]): Promise<unknown[]> {
  const store = getStore();
  try {
    return await getEach(store, keys);
  } catch (error) {
    // Only for the size limit: in an outage, a read per key would only double the wait.
    if (!(error instanceof StoreUnavailableError) || !TOO_LARGE.test(error.message)) throw error;
    console.error(`combined read too large (${error.message}); reading ${keys.length} keys one by one`);
    return Promise.all(keys.map((key) => getEach(store, [key]).then(([value]) => value)));
  }
}

/** A required value: an unreadable one fails the request (503). */
const required = (value: unknown): unknown => {
  if (value instanceof StoreDataError) throw value;
  return value ?? null;
};

/** The window over `feed` and the stored pools; an unzippable pool is logged and skipped. */
function lazyWindow(
  feed: FeedSnapshot | null,
  keys: readonly string[],
  stored: readonly unknown[],
  days: number,
): FeedSnapshot | null {
  const heads = readHeads(keys, stored);
  return poolWindow(feed, heads, days, (i) => {
    const head = heads[i];
    if (!head) return undefined;
    try {
      return decodedPapers(keys[i] ?? "", head, stored[i]);
    } catch (error) {
      if (!(error instanceof StoreDataError)) throw error;
      console.error(`pool skipped: ${error.message}`);
      return undefined;
    }
  });
}

/**
 * What a personal feed of `name` ranks: the feed and every pool of its window, read in one store
 * command (the slots are fixed, so no first read is needed to know which days exist).
 */
export async function readPoolWindow(name: string, config: Config): Promise<FeedSnapshot | null> {
  const keys = poolKeys(name, config);
  const [feed, ...pools] = await readAll([feedKey(name), ...keys]);
  return lazyWindow(checkedSnapshot(feedKey(name), required(feed)), keys, pools, poolDays(config));
}

/**
 * `GET /api/papers/<id>`'s read: every published feed and the combined feed's window, one
 * command. The window is the published `all` feed merged with its pools, as a personal feed sees it.
 */
export async function readFeedsAndWindow(
  names: readonly string[],
  windowOf: string,
  config: Config,
): Promise<{ feeds: (FeedSnapshot | null)[]; window: FeedSnapshot | null }> {
  const keys = poolKeys(windowOf, config);
  const stored = await readAll([...names.map(feedKey), ...keys]);
  const feeds = names.map((name, i) => checkedSnapshot(feedKey(name), required(stored[i])));
  const windowFeed = feeds[names.indexOf(windowOf)] ?? null;
  return { feeds, window: lazyWindow(windowFeed, keys, stored.slice(names.length), poolDays(config)) };
}
