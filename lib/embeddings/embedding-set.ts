import { z } from "zod";
import { modelTag, namedEmbeddingKey } from "./keys.js";
import { type VersionedPaper, versionKey } from "./paper-key.js";
import { packVectors, unpackVectors } from "./vector-codec.js";

/** Most vectors one stored set holds: a busy day of many categories is under 3,000 papers. */
export const MAX_SET_VECTORS = 10_000;

/**
 * Vectors as stored: the model and length they were made with, the day they belong to (the
 * pools' day, `YYYY-MM-DD`; absent for a named paper's), the paper versions (`2601.20273v2`) and
 * their int8 vectors concatenated in base64, in the same order.
 */
export const StoredEmbeddingSetSchema = z.object({
  model: z.string().max(200),
  dimensions: z.number().int().positive().max(4096),
  day: z.string().max(10).optional(),
  ids: z.array(z.string().max(60)).max(MAX_SET_VECTORS),
  vectors: z.string(),
});
export type StoredEmbeddingSet = z.infer<typeof StoredEmbeddingSetSchema>;

/** Which vectors a set holds: the model and length every vector of one index shares. */
export interface EmbeddingKind {
  model: string;
  dimensions: number;
}

/** Vectors by paper version (`versionKey`), of one kind. */
export type EmbeddingIndex = Map<string, Int8Array>;

/** A set of `vectors` (paper version → vector) of `kind`, for `day` when given. */
export function packSet(
  kind: EmbeddingKind,
  vectors: ReadonlyMap<string, Int8Array>,
  day?: string,
): StoredEmbeddingSet {
  return {
    model: kind.model,
    dimensions: kind.dimensions,
    ...(day === undefined ? {} : { day }),
    ids: [...vectors.keys()],
    vectors: packVectors([...vectors.values()]),
  };
}

/**
 * The vector in `vectors` (by version) of each of `papers` as its own set under its
 * `namedEmbeddingKey`, as the refresh and a request store a named paper's; papers without one
 * are left out.
 */
export function namedSets(
  kind: EmbeddingKind,
  papers: readonly VersionedPaper[],
  vectors: ReadonlyMap<string, Int8Array>,
): Record<string, StoredEmbeddingSet> {
  const tag = modelTag(kind.model, kind.dimensions);
  const sets: Record<string, StoredEmbeddingSet> = {};
  for (const paper of papers) {
    const key = versionKey(paper);
    const vector = vectors.get(key);
    if (vector) sets[namedEmbeddingKey(tag, paper.id)] = packSet(kind, new Map([[key, vector]]));
  }
  return sets;
}

/**
 * Adds the vectors of a stored value to `index` when it is a set of `kind`; anything else (absent,
 * another model or length, another shape, a store error) adds nothing: vectors are a cache, and a
 * missing one is embedded again or ranked by the local method. Returns the set's day when read.
 */
export function addSet(index: EmbeddingIndex, stored: unknown, kind: EmbeddingKind): string | undefined {
  const parsed = StoredEmbeddingSetSchema.safeParse(stored);
  if (!parsed.success) return undefined;
  const set = parsed.data;
  if (set.model !== kind.model || set.dimensions !== kind.dimensions) return undefined;
  const vectors = unpackVectors(set.vectors, set.ids.length, set.dimensions);
  if (!vectors) return undefined;
  set.ids.forEach((id, k) => {
    const vector = vectors[k];
    if (vector) index.set(id, vector);
  });
  return set.day ?? "";
}

/** The vectors of several stored values (sets of `kind`) in one index. */
export function indexOf(values: readonly unknown[], kind: EmbeddingKind): EmbeddingIndex {
  const index: EmbeddingIndex = new Map();
  for (const value of values) addSet(index, value, kind);
  return index;
}
