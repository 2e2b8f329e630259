/*
 * tf-idf vectors of papers: sublinear term frequency (1 + ln count, title words counted twice),
 * BM25's idf over the window being ranked, L2-normalised. What does not depend on the window (a paper's
 * terms and their tf) is computed once per paper object and kept with it; what does (idf, the
 * norms) costs one pass over the window's term lists per ranking.
 */
import { paperTerms } from "./terms.js";
import { Vocabulary } from "./vocabulary.js";

/** The text a vector is made from. */
export interface VectorText {
  title: string;
  abstract: string;
}

/** A paper's terms (ids, in order of first occurrence) and their sublinear tf, window-independent. */
export interface TermVector {
  /** The vocabulary generation `ids` belong to. */
  generation: number;
  ids: Int32Array;
  /** 1 + ln(weighted count), aligned with `ids` (single precision: it is kept for every stored paper). */
  tf: Float32Array;
}

/** Distinct terms numbered before the vocabulary starts again: ~10× a busy week's. */
export const MAX_VOCABULARY = 1_000_000;

const vocabulary = new Vocabulary(MAX_VOCABULARY);
const vectors = new WeakMap<VectorText, TermVector>();

/**
 * Makes the vocabulary ready for one ranking; call it before the ranking's first `termVector`,
 * so every vector of the ranking has ids of one generation.
 */
export function startRanking(): void {
  vocabulary.renew();
}

/** Every id of the current ranking is below this. */
export const vocabularySize = (): number => vocabulary.size;

/** A paper's term vector, computed once per paper object (and again only after `startRanking` renewed the ids). */
export function termVector(paper: VectorText): TermVector {
  const cached = vectors.get(paper);
  if (cached?.generation === vocabulary.generation) return cached;
  const counts = paperTerms(paper);
  const ids = new Int32Array(counts.size);
  const tf = new Float32Array(counts.size);
  let at = 0;
  for (const [term, count] of counts) {
    ids[at] = vocabulary.idOf(term);
    tf[at] = 1 + Math.log(count);
    at++;
  }
  const vector = { generation: vocabulary.generation, ids, tf };
  vectors.set(paper, vector);
  return vector;
}

/**
 * BM25's idf (Robertson–Spärck Jones, kept positive as Lucene does) of every term over `window`
 * (indexed by term id): ln(1 + (N − df + 0.5) / (df + 0.5)). A term in one paper weighs ~ln 2N,
 * one in half the window ~ln 2, one in every paper ~0: the words most papers share say almost
 * nothing about which are alike. 0 for terms not in the window (a liked paper's words that no
 * candidate has cannot tell candidates apart). Measured against ln((1 + N) / (1 + df)) + 1 by
 * bench/relevance-methods.ts: as good on arXiv categories, better on hand topics.
 */
export function windowIdf(window: readonly TermVector[]): Float64Array {
  const size = vocabulary.size;
  const df = new Int32Array(size);
  for (const { ids } of window) {
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k] as number;
      df[id] = (df[id] as number) + 1;
    }
  }
  const byDf = new Float64Array(window.length + 1);
  for (let count = 1; count <= window.length; count++) {
    byDf[count] = Math.log(1 + (window.length - count + 0.5) / (count + 0.5));
  }
  const idf = new Float64Array(size);
  for (let id = 0; id < size; id++) idf[id] = byDf[df[id] ?? 0] ?? 0;
  return idf;
}

/** A vector's tf-idf weights (aligned with its ids) scaled to unit length; all 0 when it has no window term. */
export function unitWeights(vector: TermVector, idf: Float64Array): Float64Array {
  const weights = new Float64Array(vector.ids.length);
  let norm = 0;
  for (let k = 0; k < weights.length; k++) {
    const weight = (vector.tf[k] ?? 0) * (idf[vector.ids[k] ?? 0] ?? 0);
    weights[k] = weight;
    norm += weight * weight;
  }
  if (norm > 0) {
    const scale = 1 / Math.sqrt(norm);
    for (let k = 0; k < weights.length; k++) weights[k] = (weights[k] ?? 0) * scale;
  }
  return weights;
}
