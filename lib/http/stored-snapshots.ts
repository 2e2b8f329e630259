import type { z } from "zod";
import { type RefreshAttempt, RefreshAttemptSchema } from "../model/refresh-attempt.js";
import { type RefreshMeta, RefreshMetaSchema } from "../model/refresh-meta.js";
import type { FeedSnapshot } from "../model/snapshot.js";
import { getStore } from "../store/instance.js";
import { feedKey, META_ATTEMPT_KEY, META_REFRESH_KEY } from "../store/keys.js";
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

/** A stored record checked against its schema; null when absent. */
function checkedRecord<T>(key: string, value: unknown, schema: z.ZodType<T>, what: string): T | null {
  if (value === null) return null;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new StoreDataError(key, `is not ${what}`);
  return parsed.data;
}

/**
 * The last refresh's record and the last attempt's (both small, so fully validated), null
 * before the first of each. One store command.
 */
export async function readRefreshRecords(): Promise<{
  meta: RefreshMeta | null;
  attempt: RefreshAttempt | null;
}> {
  const [meta, attempt] = await getStore().getMany([META_REFRESH_KEY, META_ATTEMPT_KEY]);
  return {
    meta: checkedRecord(META_REFRESH_KEY, meta, RefreshMetaSchema, "a refresh record"),
    attempt: checkedRecord(META_ATTEMPT_KEY, attempt, RefreshAttemptSchema, "a refresh attempt"),
  };
}
