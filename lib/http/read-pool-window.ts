import type { Config } from "../config/schema.js";
import type { FeedSnapshot, PoolSnapshot } from "../model/snapshot.js";
import { poolDays, poolSlots, poolWindow } from "../rank/pool-window.js";
import { getStore } from "../store/instance.js";
import { feedKey, poolKey } from "../store/keys.js";
import { unpackJson } from "../store/packed-json.js";
import { StoreDataError } from "../store/types.js";
import { checkedSnapshot } from "./stored-snapshots.js";

/** The keys of every pool slot of feed `name`. */
export const poolKeys = (name: string, config: Pick<Config, "days_back">): string[] =>
  poolSlots(poolDays(config)).map((slot) => poolKey(name, slot));

/** Unpacks and checks what the pool keys `keys` hold (null stays null). */
export function unpackPools(keys: readonly string[], stored: readonly unknown[]): (PoolSnapshot | null)[] {
  return stored.map((value, i) => {
    const key = keys[i] ?? "";
    let unpacked: unknown;
    try {
      unpacked = value === null ? null : unpackJson(value);
    } catch {
      throw new StoreDataError(key, "is not a gzipped pool");
    }
    return checkedSnapshot(key, unpacked);
  });
}

/**
 * What a personal feed of `name` ranks: the feed and every pool of its window, read in one store
 * command (the slots are fixed, so no first read is needed to know which days exist).
 */
export async function readPoolWindow(name: string, config: Config): Promise<FeedSnapshot | null> {
  const keys = poolKeys(name, config);
  const [feed, ...pools] = await getStore().getMany<unknown>([feedKey(name), ...keys]);
  return poolWindow(checkedSnapshot(feedKey(name), feed ?? null), unpackPools(keys, pools), poolDays(config));
}
