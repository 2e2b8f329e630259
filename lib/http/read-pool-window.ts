import type { Config } from "../config/schema.js";
import type { FeedSnapshot, PoolSnapshot } from "../model/snapshot.js";
import { poolDays, poolSlots, poolWindow } from "../rank/pool-window.js";
import { getStore } from "../store/instance.js";
import { feedKey, poolKey } from "../store/keys.js";
import { unpackJson } from "../store/packed-json.js";

/** The keys of every pool slot of feed `name`. */
export const poolKeys = (name: string, config: Pick<Config, "days_back">): string[] =>
  poolSlots(poolDays(config)).map((slot) => poolKey(name, slot));

/** Unpacks what pool keys hold (null stays null). */
export const unpackPools = (stored: readonly unknown[]): (PoolSnapshot | null)[] =>
  stored.map((value) => (value === null ? null : unpackJson<PoolSnapshot>(value)));

/**
 * What a personal feed of `name` ranks: the feed and every pool of its window, read in one store
 * command (the slots are fixed, so no first read is needed to know which days exist).
 */
export async function readPoolWindow(name: string, config: Config): Promise<FeedSnapshot | null> {
  const [feed, ...pools] = await getStore().getMany<unknown>([feedKey(name), ...poolKeys(name, config)]);
  return poolWindow(feed as FeedSnapshot | null, unpackPools(pools), poolDays(config));
}
