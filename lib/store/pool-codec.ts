import type { PoolSnapshot, RankedPaper, SnapshotHead } from "../model/snapshot.js";
import { isPacked, packJson, unpackJson } from "./packed-json.js";
import { StoreDataError } from "./types.js";

/** A day's pool as stored: its papers gzipped, its head (version, day, time) readable as is. */
export function packPool(pool: PoolSnapshot): unknown {
  const { papers, ...head } = pool;
  return packJson(papers, head);
}

/** The head of a stored pool; a value that is not one is a StoreDataError naming `key`. */
export function poolHead(key: string, stored: unknown): SnapshotHead {
  const head = isPacked(stored) ? (stored.head as Partial<SnapshotHead> | undefined) : undefined;
  if (
    typeof head?.version !== "string" ||
    typeof head.generatedAt !== "string" ||
    typeof head.announced !== "string" ||
    typeof head.name !== "string"
  ) {
    throw new StoreDataError(key, "is not a pool");
  }
  return head as SnapshotHead;
}

/** The papers of a stored pool (unzipped); corrupt data is a StoreDataError naming `key`. */
export function poolPapers(key: string, stored: unknown): RankedPaper[] {
  let papers: unknown;
  try {
    papers = unpackJson(stored);
  } catch {
    throw new StoreDataError(key, "is not a gzipped pool");
  }
  if (!Array.isArray(papers) || (papers.length > 0 && typeof papers[0]?.id !== "string"))
    throw new StoreDataError(key, "is not a pool of papers");
  return papers as RankedPaper[];
}
