import { type RefreshMeta, RefreshMetaSchema } from "../model/refresh-meta.js";
import type { FeedSnapshot } from "../model/snapshot.js";
import { getStore } from "../store/instance.js";
import { feedKey, META_REFRESH_KEY } from "../store/keys.js";
import { StoreDataError } from "../store/types.js";

/**
 * The shape check a reader can afford on every request (a full schema parse of a 400 KB
 * snapshot would cost more than rendering it): enough that a value of another shape is a clear
 * 503 rather than a TypeError deep in a renderer.
 */
export function checkedSnapshot(key: string, value: unknown): FeedSnapshot | null {
  if (value === null) return null;
  const v = value as Partial<FeedSnapshot> | undefined;
  const ok =
    typeof value === "object" &&
    typeof v?.version === "string" &&
    typeof v.generatedAt === "string" &&
    Array.isArray(v.papers) &&
    (v.papers.length === 0 || typeof v.papers[0]?.id === "string");
  if (!ok) throw new StoreDataError(key, "is not a feed snapshot");
  return value as FeedSnapshot;
}

/** Feed `name`'s published snapshot, or null before the first refresh. One store command. */
export async function readFeed(name: string): Promise<FeedSnapshot | null> {
  const key = feedKey(name);
  return checkedSnapshot(key, await getStore().get(key));
}

/** The published snapshots of `names`, in order. One store command. */
export async function readFeeds(names: readonly string[]): Promise<(FeedSnapshot | null)[]> {
  const keys = names.map(feedKey);
  const values = await getStore().getMany(keys);
  return values.map((value, i) => checkedSnapshot(keys[i] ?? "", value));
}

/** The last refresh's record (small, so fully validated), or null before the first one. */
export async function readRefreshMeta(): Promise<RefreshMeta | null> {
  const value = await getStore().get(META_REFRESH_KEY);
  if (value === null) return null;
  const meta = RefreshMetaSchema.safeParse(value);
  if (!meta.success) throw new StoreDataError(META_REFRESH_KEY, "is not a refresh record");
  return meta.data;
}
