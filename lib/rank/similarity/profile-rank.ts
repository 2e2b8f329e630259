/*
 * A reader's profile from example papers (Rocchio, with pseudo-relevance feedback): the mean of
 * the liked papers' unit tf-idf vectors, plus FEEDBACK_WEIGHT times the mean of the
 * FEEDBACK_PAPERS candidates closest to that mean, scaled to unit length. A candidate's
 * similarity is its cosine with the profile minus DISLIKE_WEIGHT times its cosine with the mean
 * of the disliked papers; its nearest liked paper explains it.
 */
import {
  startRanking,
  type TermVector,
  termVector,
  unitWeights,
  type VectorText,
  vocabularySize,
  windowIdf,
} from "./vectors.js";

/** A paper as similarity reads it: its text, and the id and title that name it. */
export interface ProfileText extends VectorText {
  id: string;
  /**
   * How much this example counts against the others of its list, (0–1]; default 1. A feedback
   * profile's votes weigh less as they age (see `profileExamples`).
   */
  weight?: number;
  /** A liked example that is one of the reader's own votes: a paper it explains says "you liked a similar paper". */
  voted?: boolean;
}

/** The liked paper closest to a candidate: what "close to: <title>" shows. */
export interface NearestLike {
  id: string;
  title: string;
  /**
   * Cosine similarity of the candidate and that liked paper, 0–1; through a feedback paper (no
   * weighted term shared with any like), the product of the two cosines on the way.
   */
  similarity: number;
  /** Set when that liked paper is one of the reader's own votes (`ProfileText.voted`). */
  voted?: true;
}

/** What a candidate's explanation names: liked paper `like`, at `similarity` (one rule for every similarity method). */
export function nearestOf(like: ProfileText, similarity: number): NearestLike {
  return { id: like.id, title: like.title, similarity, ...(like.voted && { voted: true as const }) };
}

/** One candidate's closeness to the profile. */
export interface ProfileScore<P> {
  paper: P;
  /**
   * Cosine with the profile less DISLIKE_WEIGHT times the cosine with the dislikes' mean, within
   * −DISLIKE_WEIGHT–1 (below 0: the dislikes count more than the likes).
   */
  similarity: number;
  /** Absent when there are no likes or the candidate shares no weighted term with the profile. */
  nearest?: NearestLike;
}

/**
 * How much closeness to the dislikes costs against closeness to the likes (Rocchio's γ/β). Below
 * 1: a dislike says less about what a reader wants than a like, and many papers near a disliked
 * one are still wanted for what they share with the likes. It is subtracted per candidate, not
 * folded into the profile: so a dislike lowers every candidate by its own closeness to it and
 * raises none (folded in, it shrank the profile, and the renormalised profile lifted the papers
 * that shared the likes' words with it).
 */
export const DISLIKE_WEIGHT = 0.5;

/**
 * Candidates closest to the likes that are folded into the profile (pseudo-relevance feedback):
 * the papers the likes find first share the topic's other words, which five likes may not all
 * use. Rocchio's usual defaults (ten feedback documents, β = 0.75), not tuned on the bench;
 * bench/relevance-methods.ts measured them against no feedback and against 5 papers or β 0.5.
 */
export const FEEDBACK_PAPERS = 10;
/** Weight of the feedback papers' mean in the profile, the likes' mean counting 1 (Rocchio's β/α). */
export const FEEDBACK_WEIGHT = 0.75;

/** Most liked and most disliked papers a profile may name (each); per-candidate work grows with them. */
export const MAX_EXAMPLES = 50;

/** A sparse vector's non-zero weights as (term id, weight) pairs. */
interface Weighted {
  ids: Int32Array;
  weights: Float64Array;
  /** The example's `weight`: its share of its list's mean. */
  share: number;
}

/**
 * A profile made for one window: the candidates (without the named papers), and the similarity
 * and nearest liked paper of any of them. Computing `nearest` for every candidate costs as much
 * again as the similarity; a ranking asks it only of the papers it returns. Valid until the next
 * `buildProfile` (which may renumber terms).
 */
export interface ProfileModel<P> {
  /** The candidates in order, the liked and disliked papers themselves (by id) left out. */
  pool: readonly P[];
  /** A pool paper's similarity to the profile (as `ProfileScore.similarity`). */
  similarity: (paper: P) => number;
  /**
   * The liked paper closest to a pool paper (directly, else through a feedback paper); undefined
   * only when its similarity to the likes is 0 (it shares no weighted term with the profile).
   */
  nearest: (paper: P) => NearestLike | undefined;
}

/**
 * Builds the profile of `likes` minus `dislikes` over the window `candidates`, idf computed over
 * the candidates. Linear in the candidates' terms (two passes with likes: one finds the feedback
 * papers). Throws a RangeError past MAX_EXAMPLES likes or dislikes (callers check their input first).
 */
export function buildProfile<P extends ProfileText>(
  candidates: readonly P[],
  likes: readonly ProfileText[],
  dislikes: readonly ProfileText[],
): ProfileModel<P> {
  if (likes.length > MAX_EXAMPLES || dislikes.length > MAX_EXAMPLES) {
    throw new RangeError(`a profile names at most ${MAX_EXAMPLES} liked and ${MAX_EXAMPLES} disliked papers`);
  }
  startRanking();
  const named = new Set([...likes, ...dislikes].map((paper) => paper.id));
  const pool = candidates.filter((paper) => !named.has(paper.id));
  const idf = windowIdf(pool.map(termVector));
  const weigh = (paper: ProfileText): Weighted => {
    const vector = termVector(paper);
    return { ids: vector.ids, weights: unitWeights(vector, idf), share: Math.max(paper.weight ?? 1, 1e-9) };
  };
  const liked = likes.map(weigh);
  const profile = meanVector(liked);
  const feedback = liked.length ? feedbackPapers(pool, idf, profile.values).map(weigh) : [];
  addMean(profile, feedback, FEEDBACK_WEIGHT);
  const away = dislikes.length ? meanVector(dislikes.map(weigh)) : undefined;
  const closest = nearestLikeOf(liked, feedback, idf);
  return {
    pool,
    similarity: (paper) => {
      const vector = termVector(paper);
      const toLikes = cosine(vector, idf, profile.values);
      return away ? toLikes - DISLIKE_WEIGHT * cosine(vector, idf, away.values) : toLikes;
    },
    nearest: (paper) => {
      const found = closest(termVector(paper));
      const like = found && likes[found.index];
      return found && like ? nearestOf(like, found.similarity) : undefined;
    },
  };
}

/**
 * Every candidate's similarity to the profile of `likes` minus `dislikes`, and its nearest liked
 * paper, in candidate order; the named papers themselves are not candidates (see `buildProfile`).
 */
export function profileScores<P extends ProfileText>(
  candidates: readonly P[],
  likes: readonly ProfileText[],
  dislikes: readonly ProfileText[],
): ProfileScore<P>[] {
  const model = buildProfile(candidates, likes, dislikes);
  return model.pool.map((paper) => {
    const nearest = model.nearest(paper);
    return nearest
      ? { paper, similarity: model.similarity(paper), nearest }
      : { paper, similarity: model.similarity(paper) };
  });
}

/** Sum of the examples' shares: the denominator of their weighted mean (their count when all weigh 1). */
const totalShare = (examples: readonly Weighted[]) => examples.reduce((sum, { share }) => sum + share, 0);

/** A dense vector by term id, and the ids where it may be non-zero (a window's vocabulary is large). */
interface DenseVector {
  values: Float64Array;
  terms: Set<number>;
}

/** The examples' mean (weighted by each one's share), unit length (all 0 without examples or window terms). */
function meanVector(examples: readonly Weighted[]): DenseVector {
  const vector = { values: new Float64Array(vocabularySize()), terms: new Set<number>() };
  addMean(vector, examples, 1);
  return vector;
}

/** Adds `scale` times the examples' weighted mean to `vector`, then scales it to unit length. */
function addMean({ values, terms }: DenseVector, examples: readonly Weighted[], scale: number): void {
  if (!examples.length) return;
  const perShare = scale / totalShare(examples);
  for (const { ids, weights, share } of examples) {
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k] as number;
      values[id] = (values[id] as number) + perShare * share * (weights[k] as number);
      terms.add(id);
    }
  }
  let norm = 0;
  for (const id of terms) norm += (values[id] as number) ** 2;
  const length = Math.sqrt(norm);
  if (length > 0) for (const id of terms) values[id] = (values[id] as number) / length;
}

/**
 * The FEEDBACK_PAPERS pool papers closest to the likes' profile that share a weighted term with
 * it, ties broken by id so the choice does not depend on the pool's order.
 */
function feedbackPapers<P extends ProfileText>(
  pool: readonly P[],
  idf: Float64Array,
  profile: Float64Array,
): P[] {
  type Scored = { paper: P; similarity: number };
  const best: Scored[] = [];
  const before = (a: Scored, b: Scored) =>
    a.similarity > b.similarity || (a.similarity === b.similarity && a.paper.id > b.paper.id);
  for (const paper of pool) {
    const similarity = cosine(termVector(paper), idf, profile);
    if (similarity <= 0) continue;
    const entry = { paper, similarity };
    const last = best[best.length - 1];
    if (best.length === FEEDBACK_PAPERS && last && !before(entry, last)) continue;
    let at = best.length;
    while (at > 0 && before(entry, best[at - 1] as Scored)) at--;
    best.splice(at, 0, entry);
    if (best.length > FEEDBACK_PAPERS) best.pop();
  }
  return best.map(({ paper }) => paper);
}

/** For each term id, the examples that have it (flat pairs: example index, unit weight). */
function likePostings(liked: readonly Weighted[]): (number[] | undefined)[] {
  const postings: (number[] | undefined)[] = new Array(vocabularySize());
  liked.forEach(({ ids, weights }, like) => {
    for (let k = 0; k < ids.length; k++) {
      const weight = weights[k] as number;
      if (weight === 0) continue;
      const id = ids[k] as number;
      let list = postings[id];
      if (list === undefined) {
        list = [];
        postings[id] = list;
      }
      list.push(like, weight);
    }
  });
  return postings;
}

/** A vector's length under `idf`. */
function lengthOf({ ids, tf }: TermVector, idf: Float64Array): number {
  let norm = 0;
  for (let k = 0; k < ids.length; k++) {
    const weight = (tf[k] as number) * (idf[ids[k] as number] ?? 0);
    norm += weight * weight;
  }
  return Math.sqrt(norm);
}

/** A candidate's cosine with the (unit) profile. */
function cosine({ ids, tf }: TermVector, idf: Float64Array, profile: Float64Array): number {
  let norm = 0;
  let dot = 0;
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k] as number;
    const weight = (tf[k] as number) * (idf[id] ?? 0);
    norm += weight * weight;
    dot += weight * (profile[id] ?? 0);
  }
  return norm === 0 ? 0 : dot / Math.sqrt(norm);
}

/** A candidate's cosines with each of the papers of `postings` (`count` of them). */
function cosines(
  vector: TermVector,
  idf: Float64Array,
  postings: readonly (number[] | undefined)[],
  count: number,
): Float64Array {
  const dots = new Float64Array(count);
  for (let k = 0; k < vector.ids.length; k++) {
    const id = vector.ids[k] as number;
    const list = postings[id];
    if (list === undefined) continue;
    const weight = (vector.tf[k] as number) * (idf[id] ?? 0);
    for (let p = 0; p < list.length; p += 2) {
      const paper = list[p] as number;
      dots[paper] = (dots[paper] as number) + weight * (list[p + 1] as number);
    }
  }
  const length = lengthOf(vector, idf);
  if (length > 0) for (let at = 0; at < count; at++) dots[at] = (dots[at] as number) / length;
  return dots;
}

/** Index and value of the largest positive entry, or undefined when none is positive. */
function largest(values: Float64Array): { index: number; similarity: number } | undefined {
  let index = -1;
  let best = 0;
  values.forEach((value, at) => {
    if (value > best) {
      best = value;
      index = at;
    }
  });
  return index < 0 ? undefined : { index, similarity: best };
}

/**
 * The liked paper closest to a candidate: the one it has the highest cosine with; when it shares
 * no weighted term with any (it is in the profile through the feedback papers alone), the one
 * closest through a feedback paper, its similarity the product of the two cosines (candidate to
 * feedback paper, feedback paper to like). So every candidate with a positive similarity to the
 * profile has one: a feedback paper shares a term with a like by its choice.
 */
function nearestLikeOf(
  liked: readonly Weighted[],
  feedback: readonly Weighted[],
  idf: Float64Array,
): (vector: TermVector) => { index: number; similarity: number } | undefined {
  const likePosts = likePostings(liked);
  const feedbackPosts = likePostings(feedback);
  // Each feedback paper's cosines with the likes (both unit vectors: a sparse dot product).
  const feedbackToLikes = feedback.map(({ ids, weights }) => {
    const dots = new Float64Array(liked.length);
    for (let k = 0; k < ids.length; k++) {
      const list = likePosts[ids[k] as number];
      for (let p = 0; list && p < list.length; p += 2) {
        const like = list[p] as number;
        dots[like] = (dots[like] as number) + (weights[k] as number) * (list[p + 1] as number);
      }
    }
    return dots;
  });
  return (vector) => {
    const direct = largest(cosines(vector, idf, likePosts, liked.length));
    if (direct || !feedback.length) return direct;
    const throughFeedback = new Float64Array(liked.length);
    cosines(vector, idf, feedbackPosts, feedback.length).forEach((toFeedback, at) => {
      feedbackToLikes[at]?.forEach((toLike, like) => {
        throughFeedback[like] = Math.max(throughFeedback[like] as number, toFeedback * toLike);
      });
    });
    return largest(throughFeedback);
  };
}
