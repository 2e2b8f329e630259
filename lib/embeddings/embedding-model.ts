/*
 * Similarity to a profile from embeddings, as the local method scores it: a candidate's cosine
 * with the weighted mean of the liked papers' unit vectors, minus DISLIKE_WEIGHT times its cosine
 * with the disliked ones' mean, then rescaled so SIMILARITY_POINTS keeps its meaning (see
 * `rescale`). The local method's pseudo-relevance feedback is left out: it makes up for words a
 * liked paper does not use, which an embedding already places.
 */
import type { Paper } from "../model/paper.js";
import {
  DISLIKE_WEIGHT,
  type NearestLike,
  nearestOf,
  type ProfileModel,
  type ProfileText,
} from "../rank/similarity/profile-rank.js";
import type { SimilaritySource } from "../rank/similarity/rank-with-profile.js";
import type { EmbeddingIndex } from "./embedding-set.js";
import { versionKey } from "./paper-key.js";
import { dot, lengthOf } from "./vector-codec.js";

/**
 * The rescaled similarity of a window's 10th closest paper: the local method's 10th closest
 * (measured on the bench's 182 labelled papers, 5 liked ones per category: 1st, 10th and 20th
 * closest at 0.29, 0.19 and 0.11 on average). Raw embedding cosines sit on each model's own scale
 * (unrelated abstracts often 0.1–0.3, related ones 0.4–0.7), so they are mapped onto the local
 * one: the window's median paper to 0, its 10th closest to this, linearly. A paper then earns
 * about the points it would under the local method, and `min_score` keeps its meaning.
 */
export const TENTH_CLOSEST_SIMILARITY = 0.19;

/** Rank of the paper the scale is anchored to (1-based). */
const ANCHOR_RANK = 10;

/** Least spread (anchor − median) treated as one; below it the cosines are only centred. */
const MIN_SPREAD = 1e-6;

/** A liked or disliked paper's vector with its weight. */
interface Example {
  paper: ProfileText;
  vector: Int8Array;
  length: number;
}

/**
 * The similarity source of a window's vectors (`candidates`, by paper version) and the named
 * papers' (`named`, by id). It declines (undefined: the local method ranks) when a named paper
 * or any candidate has no vector, so one ranking never mixes two scales.
 */
export function embeddingSource(
  candidates: EmbeddingIndex,
  named: ReadonlyMap<string, Int8Array>,
): SimilaritySource {
  return (papers, profile) => {
    const examples = (list: readonly ProfileText[]) =>
      list.map((paper) => {
        const vector = named.get(paper.id);
        return vector && { paper, vector, length: lengthOf(vector) };
      });
    const likes = examples(profile.likes);
    const dislikes = examples(profile.dislikes);
    if (likes.includes(undefined) || dislikes.includes(undefined)) return undefined;
    const ids = new Set([...profile.likes, ...profile.dislikes].map((paper) => paper.id));
    const pool = papers.filter((paper) => !ids.has(paper.id));
    const vectors = pool.map((paper) => candidates.get(versionKey(paper)));
    if (vectors.includes(undefined)) return undefined;
    return modelOf(pool, vectors as Int8Array[], likes as Example[], dislikes as Example[]);
  };
}

function modelOf(
  pool: readonly Paper[],
  vectors: readonly Int8Array[],
  likes: readonly Example[],
  dislikes: readonly Example[],
): ProfileModel<Paper> {
  const dimensions = vectors[0]?.length ?? 0;
  const toward = meanDirection(likes, dimensions);
  const away = dislikes.length ? meanDirection(dislikes, dimensions) : undefined;
  const lengths = vectors.map(lengthOf);
  const raw = vectors.map((vector, k) => {
    const length = lengths[k] as number;
    const toLikes = cosineWith(vector, length, toward);
    return away ? toLikes - DISLIKE_WEIGHT * cosineWith(vector, length, away) : toLikes;
  });
  const scaled = rescale(raw);
  const at = new Map(pool.map((paper, k) => [paper, k]));
  return {
    pool,
    similarity: (paper) => scaled[at.get(paper) ?? -1] ?? 0,
    nearest: (paper) => {
      const k = at.get(paper);
      return k === undefined ? undefined : nearestLike(vectors[k] as Int8Array, lengths[k] as number, likes);
    },
  };
}

const share = (example: Example) => Math.max(example.paper.weight ?? 1, 1e-9);

/** The unit direction of the examples' weighted mean (all 0 without examples or when they cancel). */
function meanDirection(examples: readonly Example[], dimensions: number): Float64Array {
  const mean = new Float64Array(dimensions);
  for (const example of examples) {
    const factor = share(example) / example.length;
    for (let k = 0; k < dimensions; k++)
      mean[k] = (mean[k] as number) + factor * (example.vector[k] as number);
  }
  const norm = Math.hypot(...mean);
  if (norm > 0) for (let k = 0; k < dimensions; k++) mean[k] = (mean[k] as number) / norm;
  return mean;
}

function cosineWith(vector: Int8Array, length: number, profile: Float64Array): number {
  let sum = 0;
  for (let k = 0; k < vector.length; k++) sum += (vector[k] as number) * (profile[k] as number);
  return length === 0 ? 0 : sum / length;
}

/**
 * Raw cosines mapped onto the local method's scale: the median to 0 and the ANCHOR_RANK-th
 * highest (the highest in a smaller pool) to TENTH_CLOSEST_SIMILARITY, clamped to −1–1.
 */
export function rescale(raw: readonly number[]): number[] {
  if (raw.length === 0) return [];
  const sorted = [...raw].sort((a, b) => b - a);
  const median = sorted[Math.floor(sorted.length / 2)] as number;
  const anchor = sorted[Math.min(ANCHOR_RANK, sorted.length) - 1] as number;
  const spread = anchor - median;
  const factor = spread > MIN_SPREAD ? TENTH_CLOSEST_SIMILARITY / spread : 1;
  return raw.map((value) => Math.max(-1, Math.min(1, (value - median) * factor)));
}

/** The liked paper closest to a candidate, with their raw cosine (0–1), for "close to: <title>". */
function nearestLike(vector: Int8Array, length: number, likes: readonly Example[]): NearestLike | undefined {
  let best: Example | undefined;
  let bestCosine = 0;
  for (const like of likes) {
    const cosine = length === 0 || like.length === 0 ? 0 : dot(vector, like.vector) / (length * like.length);
    if (cosine > bestCosine) {
      bestCosine = cosine;
      best = like;
    }
  }
  return best && nearestOf(best.paper, Math.min(1, bestCosine));
}
