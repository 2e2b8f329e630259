import { createHash } from "node:crypto";

/**
 * Store keys of embeddings (logical, before the driver's prefix), beside the feature rather than
 * in lib/store/keys.ts, as lib/profile does.
 */

/**
 * One day's embeddings (`StoredEmbeddingSet`): `emb:<slot>`, slots cycling as the pools' do
 * (`poolSlot`), so a personal feed reads a window's vectors in the same command as its pools.
 */
export const embeddingSetKey = (slot: number): string => `emb:${slot}`;

/** The keys of every day slot of a window of `days`, in slot order. */
export const embeddingSetKeys = (days: number): string[] =>
  Array.from({ length: days }, (_, slot) => embeddingSetKey(slot));

/** Short tag of a model and length: vectors of another model or length are not comparable. */
export const modelTag = (model: string, dimensions: number): string =>
  createHash("sha256").update(`${model}\n${dimensions}`).digest("base64url").slice(0, 10);

/**
 * A named paper's vector (`StoredEmbeddingSet` of one), for papers outside the window (the
 * configured profile's, a request's `like=`): `emb-named:<model tag>:<id>`. Keyed by id alone,
 * so a request reads it beside the paper's cache entry before it knows the version; the set's
 * one id names the version (`2601.20273v2`), and a vector of another version is not used.
 */
export const namedEmbeddingKey = (tag: string, id: string): string => `emb-named:${tag}:${id}`;

/** The vector key of each named id under config.json's `embeddings`; undefined when they are off. */
export function namedEmbeddingKeys(
  embeddings: { model: string; dimensions: number } | undefined,
): ((id: string) => string) | undefined {
  if (!embeddings) return undefined;
  const tag = modelTag(embeddings.model, embeddings.dimensions);
  return (id) => namedEmbeddingKey(tag, id);
}

/** Running totals of embeddings use and the last failure (`EmbeddingsRecord`), for health. */
export const EMBEDDINGS_RECORD_KEY = "meta:embeddings";
