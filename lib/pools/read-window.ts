import type { FeedSnapshot } from "../model/snapshot.js";
import { getEach } from "../store/get-each.js";
import { feedKey } from "../store/keys.js";
import { readStoredFeed } from "../store/read-stored.js";
import { type Store, StoreDataError, StoreTooLargeError } from "../store/types.js";
import { type PoolHead, poolHead } from "./codec.js";
import { poolKeys } from "./slots.js";

/** A pool as read: its key, its head, and its stored value, still gzipped (see `poolPapers`). */
export interface StoredPool {
  key: string;
  head: PoolHead;
  stored: unknown;
}

/** What a personal feed ranks, as read: the published feed and the readable pools of its slots. */
export interface StoredWindow {
  feed: FeedSnapshot | null;
  pools: StoredPool[];
  /** The values of the `extra` keys read with it, in order (a StoreDataError for an unreadable one). */
  extra: unknown[];
}

/**
 * Feed `name` and every pool slot of its `days`, in one store command (the slots are fixed, so
 * no first read is needed to know which days exist).
 */
export async function readWindow(
  store: Store,
  name: string,
  days: number,
  extra: readonly string[] = [],
): Promise<StoredWindow> {
  const { feeds, window } = await readFeedsAndWindow(store, [name], name, days, extra);
  return { ...window, feed: feeds[0] ?? null };
}

/**
 * Every feed of `names` and the window of feed `windowOf` (one of them), in one store command:
 * what `GET /api/papers/<id>` searches. The `extra` keys (a feedback profile's record) are read
 * in the same command and returned as they are.
 */
export async function readFeedsAndWindow(
  store: Store,
  names: readonly string[],
  windowOf: string,
  days: number,
  extra: readonly string[] = [],
): Promise<{ feeds: (FeedSnapshot | null)[]; window: StoredWindow }> {
  const keys = poolKeys(windowOf, days);
  const stored = await readAll(store, [...names.map(feedKey), ...keys, ...extra]);
  const feeds = names.map((name, i) => readStoredFeed(feedKey(name), required(stored[i])));
  const pools = keys.flatMap((key, i) => readablePool(key, stored[names.length + i]));
  const extraValues = stored.slice(names.length + keys.length);
  return { feeds, window: { feed: feeds[names.indexOf(windowOf)] ?? null, pools, extra: extraValues } };
}

/** A required value: an unreadable one fails the request (503). */
function required(value: unknown): unknown {
  if (value instanceof StoreDataError) throw value;
  return value ?? null;
}

/**
 * A slot's pool, or none. Pools are optional data: one that cannot be read is logged and
 * skipped (its slot is rewritten when its day comes round, or expires), never a 503.
 */
function readablePool(key: string, stored: unknown): StoredPool[] {
  if (stored === null || stored === undefined) return [];
  try {
    if (stored instanceof StoreDataError) throw stored;
    return [{ key, head: poolHead(key, stored), stored }];
  } catch (error) {
    if (!(error instanceof StoreDataError)) throw error;
    console.error(`pool skipped: ${error.message}`);
    return [];
  }
}

/**
 * Every key's value in one command; should the store refuse that as over its size limit (a
 * week of pools for very many categories), one command per key instead. Only for the size
 * limit: in an outage, a read per key would only double the wait.
 */
async function readAll(store: Store, keys: readonly string[]): Promise<unknown[]> {
  try {
    return await getEach(store, keys);
  } catch (error) {
    if (!(error instanceof StoreTooLargeError)) throw error;
    console.error(`combined read too large (${error.message}); reading ${keys.length} keys one by one`);
    return Promise.all(keys.map((key) => getEach(store, [key]).then(([value]) => value)));
  }
}
