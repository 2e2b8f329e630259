import { z } from "zod";
import { FeedSnapshotSchema, type PoolSnapshot, type RankedPaper } from "../model/snapshot.js";
import { StoredPapersSchema } from "../model/stored-shapes.js";
import { packJson, unpackJson } from "../store/packed-json.js";
import { readStored } from "../store/read-stored.js";
import { StoreDataError } from "../store/types.js";

/** What a pool says about itself, stored unzipped: `announced` is the pool's day. */
export const PoolHeadSchema = FeedSnapshotSchema.omit({ papers: true }).extend({ announced: z.string() });
export type PoolHead = z.infer<typeof PoolHeadSchema>;

/** A day's pool as stored: its papers gzipped, its head readable as is. */
const StoredPoolSchema = z.object({
  packed: z.literal("gzip+base64"),
  data: z.string(),
  head: PoolHeadSchema,
});

/** A day's pool as stored: its papers gzipped, its head (version, day, time) readable as is. */
export function packPool(pool: PoolSnapshot): unknown {
  const { papers, ...head } = pool;
  return packJson(papers, head);
}

/** The head of a stored pool; a value that is not one is a StoreDataError naming `key`. */
export function poolHead(key: string, stored: unknown): PoolHead {
  const pool = readStored(StoredPoolSchema, stored, key, "a pool");
  if (!pool) throw new StoreDataError(key, "is not a pool");
  return pool.head;
}

/** The papers of a stored pool (unzipped); corrupt data is a StoreDataError naming `key`. */
export function poolPapers(key: string, stored: unknown): RankedPaper[] {
  let papers: unknown;
  try {
    papers = unpackJson(stored);
  } catch {
    throw new StoreDataError(key, "is not a gzipped pool");
  }
  return readStored(StoredPapersSchema, papers, key, "a pool of papers") ?? [];
}
