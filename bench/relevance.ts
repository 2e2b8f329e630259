/**
 * `npx tsx bench/relevance.ts [--papers FILE] [--topics FILE] [--trials N]`: how well similarity
 * to named papers ranks, on labelled real papers, against keyword-only ranking (config.json's
 * keywords) and a random order; and what ranking a full week with a profile costs. Prints markdown.
 *
 * Two labellings, each its own set of tasks: arXiv primary categories (the authors' own), and
 * hand-assigned topics (`relevance-topics.json`, see its `about`). A task is one label. Each
 * trial names LIKES papers of it (and, for the dislikes row, DISLIKES papers of other labels),
 * drawn by a seeded generator; the pool is every other labelled paper; a paper is relevant when
 * it has the task's label.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseConfig } from "../lib/config/settings.js";
import { rankRulesFrom } from "../lib/rank/rules-from-config.js";
import { compileRules } from "../lib/rank/score.js";
import { FIXTURE_TOPICS, type LabelledPaper, labelledPapers, withTopics } from "./relevance-data.js";
import { mean, quantile } from "./relevance-metrics.js";
import {
  DISLIKES,
  keywordScore,
  LIKES,
  METHODS,
  meanScores,
  runLabelling,
  type TaskResult,
} from "./relevance-tasks.js";
import { benchWeekTiming, type WeekTiming } from "./relevance-timing.js";

const f2 = (value: number) => value.toFixed(2);
const keywordsAtChance = (r: TaskResult) => r.byMethod["keywords only"].p20 <= r.chance95;

function printTasks(title: string, results: readonly TaskResult[]) {
  console.log(`\n### ${title}: tasks\n`);
  console.log(
    "| task | pool | relevant in pool | best possible P@20 | random P@20, 95th pct | keywords-only P@20 | keywords better than chance? | profile similarity at ranks 1 / 10 / 20 |",
  );
  console.log("|---|---|---|---|---|---|---|---|");
  for (const r of results) {
    const kw = r.byMethod["keywords only"].p20;
    const best = Math.min(r.hidden, 20) / 20;
    console.log(
      `| ${r.label} | ${r.pool} | ${r.hidden} | ${f2(best)} | ${f2(r.chance95)} | ${f2(kw)} | ${keywordsAtChance(r) ? "no" : "yes"} | ${r.similarityAt.map(f2).join(" / ")} |`,
    );
  }
  console.log(`\n### ${title}: quality per task (mean over trials)\n`);
  console.log("| task | method | P@10 | P@20 | nDCG@20 |");
  console.log("|---|---|---|---|---|");
  for (const r of results) {
    for (const method of METHODS) {
      const s = r.byMethod[method];
      console.log(`| ${r.label} | ${method} | ${f2(s.p10)} | ${f2(s.p20)} | ${f2(s.ndcg20)} |`);
    }
  }
  console.log(`\n### ${title}: where the profile's first 20 go wrong (labels of the misses, all trials)\n`);
  for (const r of results) {
    const misses = [...r.misses].sort((a, b) => b[1] - a[1]).map(([label, n]) => `${label} ${n}`);
    console.log(`- ${r.label}: ${misses.join(", ") || "none"}`);
  }
}

/** The mean of each method over `results`, as table rows. */
function printMeans(title: string, results: readonly TaskResult[]) {
  const atChance = results.filter(keywordsAtChance);
  console.log(`\n### ${title}: mean over tasks\n`);
  console.log(
    `| method | P@10 | P@20 | nDCG@20 | P@20 on the ${atChance.length} tasks where keywords are no better than chance |`,
  );
  console.log("|---|---|---|---|---|");
  for (const method of METHODS) {
    const s = meanScores(results.map((r) => r.byMethod[method]));
    const chance = mean(atChance.map((r) => r.byMethod[method].p20));
    console.log(`| ${method} | ${f2(s.p10)} | ${f2(s.p20)} | ${f2(s.ndcg20)} | ${f2(chance)} |`);
  }
}

/** The bar, over every task of every labelling where keywords are no better than chance. */
export interface RelevanceSummary {
  tasks: string[];
  profileP20: number;
  /** The same tasks' mean of min(relevant, 20) / 20: what a perfect ranking would score. */
  bestP20: number;
  met: boolean;
}

function summarise(results: readonly TaskResult[]): RelevanceSummary {
  const atChance = results.filter(keywordsAtChance);
  const profileP20 = mean(atChance.map((r) => r.byMethod.profile.p20));
  return {
    tasks: atChance.map((r) => r.label),
    profileP20,
    bestP20: mean(atChance.map((r) => Math.min(r.hidden, 20) / 20)),
    met: profileP20 >= 0.6,
  };
}

export interface RelevanceOptions {
  /** A `reference-papers.json`-shaped file of labelled papers instead of the fixtures'. */
  papers?: string;
  /** A `relevance-topics.json`-shaped file of topics (default: the fixtures' own, with the fixtures). */
  topics?: string;
  trials?: number;
}

/** Prints the whole report (markdown) and returns the bar's figures and the week's timings. */
export async function benchRelevance(
  options: RelevanceOptions = {},
): Promise<{ summary: RelevanceSummary; timing: WeekTiming }> {
  const trialCount = options.trials ?? 20;
  const papers = labelledPapers(options.papers);
  const config = parseConfig(readFileSync(resolve("config.json"), "utf8"));
  const ruleSet = rankRulesFrom(config);
  const rules = compileRules(ruleSet.keywords, ruleSet.exclude, ruleSet.mode);
  console.log(`## Ranking quality: similarity to named papers (${papers.length} labelled real papers)\n`);
  console.log(
    `${trialCount} seeded trials per task; each names ${LIKES} liked papers of the task (and ${DISLIKES} disliked of other labels for "profile + dislikes"); the pool is every other labelled paper. Keywords: config.json's ${ruleSet.keywords.length}, match mode ${ruleSet.mode}. "Better than chance": above the 95th percentile of 1,000 random orders.`,
  );
  const keywordScores = papers.map((p) => keywordScore(p.paper, rules)).filter(Number.isFinite);
  console.log(
    `\nKeyword scores of the labelled papers (config.json's keywords): median ${f2(quantile(keywordScores, 0.5))}, 90th percentile ${f2(quantile(keywordScores, 0.9))}; the reference system picked them for scoring at least 2.5 on full abstracts, so keywords alone cannot tell them apart by topic.`,
  );
  const labellings: [string, LabelledPaper[]][] = [["Primary categories", papers]];
  const topics = options.topics ?? (options.papers ? undefined : FIXTURE_TOPICS);
  if (topics) labellings.push(["Hand-assigned topics", withTopics(papers, topics)]);
  const all: TaskResult[] = [];
  for (const [title, labelled] of labellings) {
    const results = runLabelling(labelled, trialCount, rules);
    printTasks(title, results);
    printMeans(title, results);
    all.push(...results);
  }
  const summary = summarise(all);
  console.log(
    `\n**Bar**: profile mean P@20 over the tasks where keywords are no better than chance (${summary.tasks.join(", ")}): ${f2(summary.profileP20)}; a perfect ranking would score ${f2(summary.bestP20)} on them (goal ≥ 0.60: ${summary.met ? "met" : "not met"}).`,
  );
  const timing = await benchWeekTiming(
    papers.map((p) => p.paper),
    ruleSet,
  );
  return { summary, timing };
}

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const trials = argument("--trials");
  await benchRelevance({
    papers: argument("--papers"),
    topics: argument("--topics"),
    trials: trials === undefined ? undefined : Number(trials),
  });
}
