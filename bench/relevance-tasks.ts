/**
 * The topic tasks of `bench/relevance.ts`: seeded trials of one label, each method's ranking of
 * the trial's pool, and their precision and nDCG.
 */
import type { Paper } from "../lib/model/paper.js";
import { type CompiledRules, scorePaper } from "../lib/rank/score.js";
import { combinedScore } from "../lib/rank/similarity/combine.js";
import { profileScores } from "../lib/rank/similarity/profile-rank.js";
import { type LabelledPaper, NO_TASK } from "./relevance-data.js";
import { mean, ndcgAt, precisionAt, quantile, seededRandom, shuffled } from "./relevance-metrics.js";

/** Papers a trial names as liked: "a handful". */
export const LIKES = 5;
/** Papers of other labels a trial names as disliked (the dislikes row only). */
export const DISLIKES = 2;
/** A label is a task when at least this many of its papers stay hidden in the pool. */
const MIN_HIDDEN = 8;
const SEED = 20260129;

export const METHODS = [
  "profile",
  "profile + dislikes",
  "keywords + profile",
  "keywords only",
  "random",
] as const;
export type Method = (typeof METHODS)[number];

export interface Trial {
  likes: Paper[];
  dislikes: Paper[];
  pool: LabelledPaper[];
}

export interface Scores {
  p10: number;
  p20: number;
  ndcg20: number;
}

/** The task's seeded trials: liked papers of `label`, disliked ones of others, the rest as the pool. */
function trialsFor(label: string, papers: readonly LabelledPaper[], count: number, seed: number): Trial[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const likes = shuffled(
      papers.filter((p) => p.label === label),
      random,
    ).slice(0, LIKES);
    const dislikes = shuffled(
      papers.filter((p) => p.label !== label),
      random,
    ).slice(0, DISLIKES);
    const named = new Set([...likes, ...dislikes]);
    return {
      likes: likes.map((p) => p.paper),
      dislikes: dislikes.map((p) => p.paper),
      pool: papers.filter((p) => !named.has(p)),
    };
  });
}

/** Pool papers ordered by `value`, highest first, ties newest id first (as the feeds break them). */
function orderBy(
  pool: readonly LabelledPaper[],
  value: (paper: LabelledPaper, i: number) => number,
): LabelledPaper[] {
  const keyed = pool.map((paper, i) => ({ paper, value: value(paper, i) }));
  keyed.sort(
    (a, b) =>
      b.value - a.value ||
      (a.paper.paper.id < b.paper.paper.id ? 1 : a.paper.paper.id > b.paper.paper.id ? -1 : 0),
  );
  return keyed.map((entry) => entry.paper);
}

/** Keyword score under the configured rules; an excluded paper ranks last. */
export const keywordScore = (paper: Paper, rules: CompiledRules) => {
  const result = scorePaper(paper, rules);
  return result.excluded ? Number.NEGATIVE_INFINITY : result.score;
};

/** One trial's pool in the order `method` ranks it. */
function rankTrial(
  method: Method,
  trial: Trial,
  rules: CompiledRules,
  random: () => number,
): LabelledPaper[] {
  const { pool } = trial;
  const similarities = (dislikes: Paper[]) =>
    profileScores(
      pool.map((p) => p.paper),
      trial.likes,
      dislikes,
    ).map((score) => score.similarity);
  switch (method) {
    case "profile": {
      const sims = similarities([]);
      return orderBy(pool, (_p, i) => sims[i] ?? 0);
    }
    case "profile + dislikes": {
      const sims = similarities(trial.dislikes);
      return orderBy(pool, (_p, i) => sims[i] ?? 0);
    }
    case "keywords + profile": {
      const sims = similarities([]);
      return orderBy(pool, (p, i) => combinedScore(keywordScore(p.paper, rules), sims[i] ?? 0));
    }
    case "keywords only":
      return orderBy(pool, (p) => keywordScore(p.paper, rules));
    case "random":
      return shuffled(pool, random);
  }
}

export function scoresOf(ranked: readonly LabelledPaper[], label: string): Scores {
  const hits = ranked.map((p) => p.label === label);
  const relevant = hits.filter(Boolean).length;
  return { p10: precisionAt(hits, 10), p20: precisionAt(hits, 20), ndcg20: ndcgAt(hits, 20, relevant) };
}

export const meanScores = (all: readonly Scores[]): Scores => ({
  p10: mean(all.map((s) => s.p10)),
  p20: mean(all.map((s) => s.p20)),
  ndcg20: mean(all.map((s) => s.ndcg20)),
});

export interface TaskResult {
  label: string;
  pool: number;
  hidden: number;
  /** 95th percentile of a random order's P@20 on this pool: "better than chance" means above it. */
  chance95: number;
  byMethod: Record<Method, Scores>;
  /** Labels of the profile ranking's misses in its first 20, over all trials. */
  misses: Map<string, number>;
  /** Median over trials of the profile similarity of the 1st, 10th and 20th paper. */
  similarityAt: [number, number, number];
}

/** Median over trials of the profile similarity at ranks 1, 10 and 20 (the scale SIMILARITY_POINTS multiplies). */
function similarityAt(trials: readonly Trial[]): [number, number, number] {
  const ranks = [0, 9, 19].map(() => [] as number[]);
  for (const trial of trials) {
    const sims = profileScores(
      trial.pool.map((p) => p.paper),
      trial.likes,
      [],
    )
      .map((score) => score.similarity)
      .sort((a, b) => b - a);
    [0, 9, 19].forEach((rank, i) => {
      ranks[i]?.push(sims[rank] ?? 0);
    });
  }
  const [first, tenth, twentieth] = ranks.map((values) => quantile(values, 0.5));
  return [first ?? 0, tenth ?? 0, twentieth ?? 0];
}

/** 95th percentile of P@20 over many random orders of the first trial's pool. */
function chanceP20(trial: Trial, label: string, random: () => number): number {
  const samples = Array.from({ length: 1000 }, () => scoresOf(shuffled(trial.pool, random), label).p20);
  return quantile(samples, 0.95);
}

/** The task's seed: every run, and every method, draws the same trials of a label. */
export const taskSeed = (label: string) =>
  SEED + [...label].reduce((sum, char) => sum * 31 + char.charCodeAt(0), 0);

/** The seeded trials of the task `label`. */
export const taskTrials = (
  label: string,
  papers: readonly LabelledPaper[],
  trialCount: number,
  seed = taskSeed(label),
): Trial[] => trialsFor(label, papers, trialCount, seed);

function runTask(
  label: string,
  papers: readonly LabelledPaper[],
  trialCount: number,
  rules: CompiledRules,
): TaskResult {
  const seed = taskSeed(label);
  const trials = taskTrials(label, papers, trialCount);
  const random = seededRandom(seed + 1);
  const first = trials[0] as Trial;
  const misses = new Map<string, number>();
  const byMethod = Object.fromEntries(
    METHODS.map((method) => {
      const all = trials.map((trial) => {
        const ranked = rankTrial(method, trial, rules, random);
        if (method === "profile") {
          for (const miss of ranked.slice(0, 20).filter((p) => p.label !== label)) {
            misses.set(miss.label, (misses.get(miss.label) ?? 0) + 1);
          }
        }
        return scoresOf(ranked, label);
      });
      return [method, meanScores(all)];
    }),
  ) as Record<Method, Scores>;
  return {
    label,
    pool: first.pool.length,
    hidden: first.pool.filter((p) => p.label === label).length,
    chance95: chanceP20(first, label, random),
    byMethod,
    misses,
    similarityAt: similarityAt(trials),
  };
}

/** The tasks of one labelling: every label with enough papers, other than NO_TASK's. */
export function runLabelling(
  papers: readonly LabelledPaper[],
  trialCount: number,
  rules: CompiledRules,
): TaskResult[] {
  const counts = new Map<string, number>();
  for (const { label } of papers) counts.set(label, (counts.get(label) ?? 0) + 1);
  return [...counts]
    .filter(([label, n]) => n >= LIKES + MIN_HIDDEN && !NO_TASK.has(label))
    .map(([label]) => label)
    .sort()
    .map((label) => runTask(label, papers, trialCount, rules));
}
