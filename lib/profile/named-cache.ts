import { z } from "zod";
import { type Store, StoreDataError } from "../store/types.js";
import { type NamedPaper, NamedPaperSchema } from "./named-paper.js";
import { namedPaperKey, namedTriedKey } from "./profile-keys.js";

/** A recent lookup of an id that found no paper, and why (see `MissingReason`). */
export const TriedMarkerSchema = z.object({
  reason: z.enum(["unknown", "malformed", "unavailable"]),
  detail: z.string().max(300).optional(),
});
export type TriedMarker = z.infer<typeof TriedMarkerSchema>;

/** What the store knows of some ids: resolved papers and recent fruitless lookups. */
export interface NamedCache {
  papers: Map<string, NamedPaper>;
  tried: Map<string, TriedMarker>;
  /** The value under each id's `extraKey` (null when absent), unchecked: its reader parses it. */
  extra: Map<string, unknown>;
}

/**
 * Reads the cached paper and the "tried recently" marker of every id in ONE `getMany`, with the
 * value under `extraKey(id)` of each when given (the paper's embedding: issue 14 allows the named
 * papers one read). A value of another shape counts as absent (the next lookup overwrites it);
 * so does the whole read when one value is not JSON at all. A store that cannot be reached
 * throws, as the store does.
 */
export async function readNamedCache(
  store: Pick<Store, "getMany">,
  ids: readonly string[],
  extraKey?: (id: string) => string,
): Promise<NamedCache> {
  const cache: NamedCache = { papers: new Map(), tried: new Map(), extra: new Map() };
  if (ids.length === 0) return cache;
  const extraKeys = extraKey ? ids.map(extraKey) : [];
  let values: unknown[];
  try {
    values = await store.getMany([...ids.map(namedPaperKey), ...ids.map(namedTriedKey), ...extraKeys]);
  } catch (error) {
    if (error instanceof StoreDataError) return cache;
    throw error;
  }
  ids.forEach((id, i) => {
    const paper = NamedPaperSchema.safeParse(values[i]);
    if (paper.success && paper.data.id === id) cache.papers.set(id, paper.data);
    const tried = TriedMarkerSchema.safeParse(values[ids.length + i]);
    if (tried.success) cache.tried.set(id, tried.data);
    if (extraKey) cache.extra.set(id, values[2 * ids.length + i] ?? null);
  });
  return cache;
}

/** What one lookup learnt, to be written in one publish. */
export interface NamedCacheWrite {
  papers: readonly NamedPaper[];
  tried: ReadonlyMap<string, TriedMarker>;
}

/**
 * Writes resolved papers (for `paperTtlSeconds`) and markers (for `triedTtlSeconds`) in one
 * publish. Nothing is ever deleted: a failed lookup leaves every cached paper in place.
 */
export async function writeNamedCache(
  store: Pick<Store, "publish">,
  write: NamedCacheWrite,
  ttl: { paperTtlSeconds: number; triedTtlSeconds: number },
): Promise<void> {
  const entries: Record<string, unknown> = {};
  const ttlSecondsByKey: Record<string, number> = {};
  for (const paper of write.papers) entries[namedPaperKey(paper.id)] = paper;
  for (const [id, marker] of write.tried) {
    entries[namedTriedKey(id)] = marker;
    ttlSecondsByKey[namedTriedKey(id)] = ttl.triedTtlSeconds;
  }
  if (Object.keys(entries).length === 0) return;
  await store.publish(entries, { ttlSeconds: ttl.paperTtlSeconds, ttlSecondsByKey });
}
