/**
 * `npx tsx bench/relevance-methods.ts [--trials N] [--seed-offset N] [--papers FILE] [--topics FILE]`:
 * the comparison that chose lib/rank/similarity's method. Standard variants of the local
 * similarity (term weighting, idf, title weight, bigrams, profile shape, pseudo-relevance
 * feedback, dislikes), each re-implemented here over plain maps, measured on bench/relevance.ts's
 * seeded trials of both labellings, next to the library's own `profileScores`; then a ceiling:
 * the centroid of every other paper of the task, as if the reader had named them all.
 * Metadata rows add categories (and authors) as pseudo-terms (`relevance-metadata.ts`).
 * `--seed-offset` draws other trials (confirm a choice on trials it was not made on).
 */

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseConfig } from "../lib/config/settings.js";
import type { Paper } from "../lib/model/paper.js";
import { rankRulesFrom } from "../lib/rank/rules-from-config.js";
import { compileRules } from "../lib/rank/score.js";
import { profileScores } from "../lib/rank/similarity/profile-rank.js";
import { forEachTerm } from "../lib/rank/similarity/terms.js";
import {
  FIXTURE_TOPICS,
  fullWeek,
  type LabelledPaper,
  labelledPapers,
  withTopics,
} from "./relevance-data.js";
import { metadataTerms } from "./relevance-metadata.js";
import { mean } from "./relevance-metrics.js";
import {
  meanScores,
  runLabelling,
  type Scores,
  scoresOf,
  type Trial,
  taskSeed,
  taskTrials,
} from "./relevance-tasks.js";

/** One way to score a trial's pool; every field is one standard choice, measured alone and combined. */
interface Variant {
  name: string;
  /** How many times a title term counts. */
  titleWeight: number;
  /** Adjacent term pairs as terms too. */
  bigrams: boolean;
  /** Term frequency: 1 + ln tf, raw tf, or BM25's saturation and length normalisation (k1 1.2, b 0.75). */
  tf: "log" | "raw" | "bm25";
  /** ln((1 + N) / (1 + df)) + 1, or BM25's ln(1 + (N − df + 0.5) / (df + 0.5)). */
  idf: "smooth" | "bm25";
  /** Count df over the full-size fixture day too (made of the same papers' sentences, recombined). */
  background: boolean;
  /** Centroid of the likes; max or top-2 mean of the cosines to each like; or half centroid, half max. */
  shape: "centroid" | "max" | "top2" | "blend";
  /** Subtract this times the window's mean vector from the centroid (centre the space). */
  centre: number;
  /** Pseudo-relevance feedback: the top `papers` of a first pass, `fold`ed into the profile or `add`ed as a second score. */
  feedback?: { papers: number; weight: number; how: "fold" | "add" };
  /**
   * Metadata pseudo-terms (`metadataTerms`: categories, maybe authors) in the same vector, each
   * with tf `weight` × its share, then the variant's idf like any term.
   */
  metadata?: { weight: number; authors: boolean };
  /** Dislikes (0.5 each): none, folded into the centroid (Rocchio's −γ), or subtracted per candidate. */
  dislikes: "none" | "fold" | "subtract";
}

type Vec = Map<string, number>;
const countCache = new Map<string, WeakMap<Paper, Vec>>();

/** A paper's weighted term counts under the variant's title weight and bigrams, cached per paper. */
function countsOf(paper: Paper, v: Variant): Vec {
  const key = `${v.titleWeight}/${v.bigrams}/${v.metadata ? v.metadata.authors : "-"}`;
  let cache = countCache.get(key);
  if (!cache) {
    cache = new WeakMap();
    countCache.set(key, cache);
  }
  const hit = cache.get(paper);
  if (hit) return hit;
  const counts: Vec = new Map();
  const add = (term: string, weight: number) => counts.set(term, (counts.get(term) ?? 0) + weight);
  const field = (text: string, weight: number) => {
    let previous: string | undefined;
    forEachTerm(text, (term) => {
      add(term, weight);
      if (v.bigrams && previous !== undefined) add(`${previous} ${term}`, weight);
      previous = term;
    });
  };
  field(paper.title, v.titleWeight);
  field(paper.abstract, 1);
  if (v.metadata) {
    const { authors } = v.metadata;
    for (const [term, share] of metadataTerms({ ...paper, authors: authors ? paper.authors : [] })) {
      add(term, share);
    }
  }
  cache.set(paper, counts);
  return counts;
}

function unit(vec: Vec): Vec {
  let norm = 0;
  for (const w of vec.values()) norm += w * w;
  if (norm === 0) return vec;
  const scale = 1 / Math.sqrt(norm);
  return new Map([...vec].map(([t, w]) => [t, w * scale]));
}

function dot(a: Vec, b: Vec): number {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [t, w] of small) sum += w * (large.get(t) ?? 0);
  return sum;
}

/** a + scale × b. */
function plus(a: Vec, b: Vec, scale: number): Vec {
  const out = new Map(a);
  for (const [t, w] of b) out.set(t, (out.get(t) ?? 0) + scale * w);
  return out;
}

function meanOf(vecs: readonly Vec[]): Vec {
  const out: Vec = new Map();
  for (const vec of vecs) for (const [t, w] of vec) out.set(t, (out.get(t) ?? 0) + w / vecs.length);
  return out;
}

let background: Paper[] | undefined;

/** The variant's unit vectors for one trial's window (df and mean length over the pool). */
function weigher(pool: readonly Paper[], v: Variant): (paper: Paper) => Vec {
  background ??= fullWeek()[0] ?? [];
  const docs = v.background ? [...pool, ...background] : pool;
  const df = new Map<string, number>();
  let totalLength = 0;
  for (const paper of docs) {
    for (const [t, c] of countsOf(paper, v)) {
      df.set(t, (df.get(t) ?? 0) + 1);
      totalLength += c;
    }
  }
  const n = docs.length;
  const idf = (d: number) =>
    d === 0
      ? 0
      : v.idf === "smooth"
        ? Math.log((1 + n) / (1 + d)) + 1
        : Math.log(1 + (n - d + 0.5) / (d + 0.5));
  return (paper) => {
    const counts = countsOf(paper, v);
    const length = [...counts.values()].reduce((sum, c) => sum + c, 0);
    const norm = 1 - 0.75 + (0.75 * length) / (totalLength / n);
    const wordTf = (c: number) =>
      v.tf === "log" ? 1 + Math.log(c) : v.tf === "raw" ? c : (c * 2.2) / (c + 1.2 * norm);
    const vec: Vec = new Map();
    const metaWeight = v.metadata?.weight ?? 0;
    for (const [t, c] of counts) {
      const tf = t.includes(":") ? metaWeight * c : wordTf(c);
      const weight = tf * idf(df.get(t) ?? 0);
      if (weight > 0) vec.set(t, weight);
    }
    return unit(vec);
  };
}

/** Each candidate's closeness to the likes under the variant's profile shape. */
function shapeScores(cands: readonly Vec[], likes: readonly Vec[], profile: Vec, v: Variant): number[] {
  return cands.map((c) => {
    if (v.shape === "centroid") return dot(c, profile);
    const sims = likes.map((like) => dot(c, like)).sort((a, b) => b - a);
    if (v.shape === "max") return sims[0] ?? 0;
    if (v.shape === "top2") return mean(sims.slice(0, 2));
    return 0.5 * dot(c, profile) + 0.5 * (sims[0] ?? 0);
  });
}

/** Indices of `scores`, highest first, ties newest id first (as the feeds break them). */
function order(scores: readonly number[], pool: readonly LabelledPaper[]): number[] {
  const id = (i: number) => pool[i]?.paper.id ?? "";
  return scores
    .map((_, i) => i)
    .sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || (id(a) < id(b) ? 1 : id(a) > id(b) ? -1 : 0));
}

/** One trial's pool as the variant ranks it. */
function rank(trial: Trial, v: Variant): LabelledPaper[] {
  const pool = trial.pool.map((p) => p.paper);
  const weigh = weigher(pool, v);
  const cands = pool.map(weigh);
  const likes = trial.likes.map(weigh);
  const away = unit(meanOf(trial.dislikes.map(weigh)));
  let profile = unit(v.centre ? plus(meanOf(likes), meanOf(cands), -v.centre) : meanOf(likes));
  if (v.dislikes === "fold") profile = unit(plus(profile, meanOf(trial.dislikes.map(weigh)), -0.5));
  const penalty = (c: Vec) => (v.dislikes === "subtract" ? 0.5 * dot(c, away) : 0);
  let scores = shapeScores(cands, likes, profile, v).map((s, i) => s - penalty(cands[i] as Vec));
  const { feedback } = v;
  if (feedback) {
    const top = order(scores, trial.pool)
      .slice(0, feedback.papers)
      .map((i) => cands[i] as Vec);
    if (feedback.how === "fold") {
      profile = unit(plus(profile, meanOf(top), feedback.weight));
      scores = cands.map((c) => dot(c, profile) - penalty(c));
    } else {
      const fb = unit(meanOf(top));
      scores = scores.map((s, i) => s + feedback.weight * dot(cands[i] as Vec, fb));
    }
  }
  return order(scores, trial.pool).map((i) => trial.pool[i] as LabelledPaper);
}

/** The library's own ranking (`profileScores`), as bench/relevance.ts's profile rows. */
function rankWithLibrary(trial: Trial, withDislikes: boolean): LabelledPaper[] {
  const scores = profileScores(
    trial.pool.map((p) => p.paper),
    trial.likes,
    withDislikes ? trial.dislikes : [],
  ).map((s) => s.similarity);
  return order(scores, trial.pool).map((i) => trial.pool[i] as LabelledPaper);
}

/** Today's method before this comparison. */
const BEFORE: Variant = {
  name: "before: log tf, smooth idf, title ×2, centroid",
  titleWeight: 2,
  bigrams: false,
  tf: "log",
  idf: "smooth",
  background: false,
  shape: "centroid",
  centre: 0,
  dislikes: "none",
};
const BM25_IDF: Variant = { ...BEFORE, name: "BM25 idf", idf: "bm25" };
const ROCCHIO = { papers: 10, weight: 0.75, how: "fold" } as const;
const CHOSEN: Variant = {
  ...BM25_IDF,
  name: "chosen: BM25 idf + Rocchio feedback (10 papers, β 0.75)",
  feedback: ROCCHIO,
};

const VARIANTS: Variant[] = [
  BEFORE,
  { ...BEFORE, name: "raw tf", tf: "raw" },
  { ...BEFORE, name: "BM25 tf (k1 1.2, b 0.75)", tf: "bm25" },
  BM25_IDF,
  { ...BM25_IDF, name: "BM25 tf + BM25 idf", tf: "bm25" },
  { ...BEFORE, name: "idf also over the full-size fixture day", background: true },
  { ...BEFORE, name: "title ×1", titleWeight: 1 },
  { ...BEFORE, name: "title ×3", titleWeight: 3 },
  { ...BEFORE, name: "bigrams", bigrams: true },
  { ...BEFORE, name: "shape: max cosine to a like", shape: "max" },
  { ...BEFORE, name: "shape: mean of the top 2 cosines", shape: "top2" },
  { ...BEFORE, name: "shape: half centroid, half max", shape: "blend" },
  { ...BEFORE, name: "centred (profile − window mean)", centre: 1 },
  { ...BEFORE, name: "feedback folded in (10, β 0.75)", feedback: ROCCHIO },
  {
    ...BEFORE,
    name: "feedback added as a score (5, ×0.5)",
    feedback: { papers: 5, weight: 0.5, how: "add" },
  },
  { ...BM25_IDF, name: "BM25 idf + feedback (5, β 0.5)", feedback: { papers: 5, weight: 0.5, how: "fold" } },
  {
    ...BM25_IDF,
    name: "BM25 idf + feedback (10, β 0.5)",
    feedback: { papers: 10, weight: 0.5, how: "fold" },
  },
  CHOSEN,
  { ...CHOSEN, name: "chosen + raw tf", tf: "raw" },
  { ...CHOSEN, name: "chosen + bigrams", bigrams: true },
  { ...CHOSEN, name: "chosen + centred", centre: 1 },
  { ...CHOSEN, name: "chosen + categories (tf 1)", metadata: { weight: 1, authors: false } },
  { ...CHOSEN, name: "chosen + categories (tf 2)", metadata: { weight: 2, authors: false } },
  { ...CHOSEN, name: "chosen + categories (tf 4)", metadata: { weight: 4, authors: false } },
  { ...CHOSEN, name: "chosen + categories (tf 8)", metadata: { weight: 8, authors: false } },
  { ...CHOSEN, name: "chosen + categories and authors (tf 2)", metadata: { weight: 2, authors: true } },
  { ...CHOSEN, name: "chosen + categories and authors (tf 4)", metadata: { weight: 4, authors: true } },
  { ...BEFORE, name: "before, 2 dislikes folded in (before)", dislikes: "fold" },
  { ...BEFORE, name: "before, 2 dislikes subtracted per candidate", dislikes: "subtract" },
  { ...CHOSEN, name: "chosen, 2 dislikes subtracted per candidate", dislikes: "subtract" },
];

interface Task {
  label: string;
  trials: Trial[];
  /** Keyword ranking no better than chance on it (bench/relevance.ts's test). */
  atChance: boolean;
}

const f2 = (x: number) => x.toFixed(2);

/** Mean P@10, P@20, nDCG@20 over tasks, and P@20 over the at-chance tasks, of one ranking. */
function measure(tasks: readonly Task[], rankOne: (trial: Trial) => LabelledPaper[]): [Scores, number[]] {
  const perTask = tasks.map((task) => ({
    task,
    scores: meanScores(task.trials.map((trial) => scoresOf(rankOne(trial), task.label))),
  }));
  const chance = perTask.filter(({ task }) => task.atChance).map(({ scores }) => scores.p20);
  return [meanScores(perTask.map(({ scores }) => scores)), chance];
}

function printRow(name: string, labellings: readonly Task[][], rankOne: (trial: Trial) => LabelledPaper[]) {
  const cells: string[] = [];
  const chanceAll: number[] = [];
  for (const tasks of labellings) {
    const [s, chance] = measure(tasks, rankOne);
    chanceAll.push(...chance);
    cells.push(f2(s.p10), f2(s.p20), f2(s.ndcg20), f2(mean(chance)));
  }
  console.log(`| ${name} | ${cells.join(" | ")} | ${f2(mean(chanceAll))} |`);
}

/** The ceiling: each candidate scored by the centroid of the likes and every other pool paper of the task. */
function ceiling(trial: Trial, label: string): LabelledPaper[] {
  const pool = trial.pool.map((p) => p.paper);
  const weigh = weigher(pool, BEFORE);
  const cands = pool.map(weigh);
  const likes = trial.likes.map(weigh);
  const positives = cands.filter((_, i) => trial.pool[i]?.label === label);
  const all = meanOf([...likes, ...positives]);
  const count = likes.length + positives.length;
  const scores = cands.map((c, i) => {
    // Leave the candidate itself out of the centroid (the mean without it, up to scale).
    const centroid = unit(trial.pool[i]?.label === label ? plus(all, c, -1 / count) : all);
    return dot(c, centroid);
  });
  return order(scores, trial.pool).map((i) => trial.pool[i] as LabelledPaper);
}

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function main() {
  const trialCount = Number(argument("--trials") ?? 20);
  const seedOffset = Number(argument("--seed-offset") ?? 0);
  const papersFile = argument("--papers");
  const papers = labelledPapers(papersFile);
  const topics = argument("--topics") ?? (papersFile ? undefined : FIXTURE_TOPICS);
  const config = parseConfig(readFileSync(resolve("config.json"), "utf8"));
  const ruleSet = rankRulesFrom(config);
  const rules = compileRules(ruleSet.keywords, ruleSet.exclude, ruleSet.mode);
  const labelled = topics ? [papers, withTopics(papers, topics)] : [papers];
  const labellings = labelled.map((set) =>
    runLabelling(set, trialCount, rules).map(
      (result): Task => ({
        label: result.label,
        trials: taskTrials(result.label, set, trialCount, taskSeed(result.label) + seedOffset),
        atChance: result.byMethod["keywords only"].p20 <= result.chance95,
      }),
    ),
  );
  console.log(
    `${papers.length} labelled papers, ${trialCount} trials per task, seed offset ${seedOffset}.\n`,
  );
  const columns = ["categories", "topics"].slice(0, labellings.length);
  const header = columns.flatMap((c) => [`${c} P@10`, `${c} P@20`, `${c} nDCG@20`, `${c} at-chance P@20`]);
  console.log(`| method | ${header.join(" | ")} | all at-chance P@20 |`);
  console.log(`|---|${header.map(() => "---|").join("")}---|`);
  for (const v of VARIANTS) printRow(v.name, labellings, (trial) => rank(trial, v));
  printRow("library's profileScores", labellings, (trial) => rankWithLibrary(trial, false));
  printRow("library's profileScores, 2 dislikes", labellings, (trial) => rankWithLibrary(trial, true));
  console.log(
    "\nThe rows with categories are CIRCULAR on the categories columns (and so on all at-chance): that labelling is each paper's primary category, the very term they add. Judge them on the topics columns; the topics at-chance column is the bar without the circular labelling.",
  );
  for (const [i, tasks] of labellings.entries()) {
    const cells = tasks.map(({ label, trials }) => {
      const p20 = mean(trials.map((trial) => scoresOf(ceiling(trial, label), label).p20));
      return `${label} ${f2(p20)}`;
    });
    console.log(
      `\nCeiling (${columns[i]}), P@20 with every other paper of the task named: ${cells.join(", ")}`,
    );
  }
}

main();
