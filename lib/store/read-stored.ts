import type { z } from "zod";
import type { FeedSnapshot } from "../model/snapshot.js";
import { StoredFeedSchema } from "../model/stored-shapes.js";
import { StoreDataError } from "./types.js";

/**
 * A value read from `key` as `schema` describes it; null when absent. A value of another shape
 * (an older version's data, another program sharing the prefix) is a StoreDataError naming the
 * key and `what` it should have been ("a feed snapshot"), so every reader words it the same way.
 */
export function readStored<S extends z.ZodType>(
  schema: S,
  value: unknown,
  key: string,
  what: string,
): z.output<S> | null {
  if (value === null || value === undefined) return null;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new StoreDataError(key, `is not ${what}`);
  return parsed.data;
}

/** A stored feed snapshot (cheaply checked: see `StoredFeedSchema`), or null when absent. */
export const readStoredFeed = (key: string, value: unknown): FeedSnapshot | null =>
  readStored(StoredFeedSchema, value, key, "a feed snapshot");
