import { type RefreshAttempt, RefreshAttemptSchema } from "../model/refresh-attempt.js";
import { type RefreshMeta, RefreshMetaSchema } from "../model/refresh-meta.js";
import type { FeedSnapshot } from "../model/snapshot.js";
import { feedKey, META_ATTEMPT_KEY, META_REFRESH_KEY } from "../store/keys.js";
import { readStored, readStoredFeed } from "../store/read-stored.js";
import type { Store } from "../store/types.js";

/** Feed `name`'s published snapshot, or null before the first refresh. One store command. */
export async function readFeed(store: Pick<Store, "get">, name: string): Promise<FeedSnapshot | null> {
  const key = feedKey(name);
  return readStoredFeed(key, await store.get(key));
}

/** The published snapshots of `names`, in order. One store command. */
export async function readFeeds(
  store: Pick<Store, "getMany">,
  names: readonly string[],
): Promise<(FeedSnapshot | null)[]> {
  const keys = names.map(feedKey);
  const values = await store.getMany(keys);
  return values.map((value, i) => readStoredFeed(keys[i] ?? "", value));
}

/**
 * The last refresh's record and the last attempt's (both small, so fully validated), null
 * before the first of each. One store command.
 */
export async function readRefreshRecords(store: Pick<Store, "getMany">): Promise<{
  meta: RefreshMeta | null;
  attempt: RefreshAttempt | null;
}> {
  const [meta, attempt] = await store.getMany([META_REFRESH_KEY, META_ATTEMPT_KEY]);
  return {
    meta: readStored(RefreshMetaSchema, meta, META_REFRESH_KEY, "a refresh record"),
    attempt: readStored(RefreshAttemptSchema, attempt, META_ATTEMPT_KEY, "a refresh attempt"),
  };
}
