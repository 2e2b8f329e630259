/**
 * What ranking a full week with a profile costs: 5 copies of the full-size fixture day as 5 pools
 * (~7,150 papers), ranked as a personal feed ranks its window (`reuse`: term vectors and word
 * indexes kept per paper object), cold (the first ranking of fresh paper objects in this process)
 * and warm (median of repeated rankings of the same objects), against today's keyword ranking.
 */
import type { Paper } from "../lib/model/paper.js";
import { type RankRules, rankPapers } from "../lib/rank/rank-papers.js";
import { buildProfile, profileScores } from "../lib/rank/similarity/profile-rank.js";
import { type Profile, rankWithProfile } from "../lib/rank/similarity/rank-with-profile.js";
import { fullWeek } from "./relevance-data.js";
import { mean, quantile } from "./relevance-metrics.js";

/** CPU milliseconds of `run` (user + system). */
function cpuMs(run: () => unknown): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

const WARM_RUNS = 20;

/**
 * Median CPU ms of each of `runs` over WARM_RUNS rounds, after two untimed ones; each round runs
 * every one of them in turn, so a busy machine slows them alike.
 */
function warm(runs: readonly (() => unknown)[]): number[] {
  const samples = runs.map(() => [] as number[]);
  for (let round = 0; round < WARM_RUNS + 2; round++) {
    runs.forEach((run, i) => {
      const used = cpuMs(run);
      if (round >= 2) samples[i]?.push(used);
    });
  }
  return samples.map((values) => quantile(values, 0.5));
}

/** CPU milliseconds of ranking the week. */
export interface WeekTiming {
  papers: number;
  coldKeywordsMs: number;
  /** The process's first ranking with a profile (stem memo and JIT cold). */
  coldProfileMs: number;
  /** A second week of fresh papers with a profile. */
  coldProfileAgainMs: number;
  warmKeywordsMs: number;
  warmKeywordsAndProfileMs: number;
  warmProfileOnlyMs: number;
  warmProfileScoresMs: number;
  /** buildProfile and every paper's cosine: what a profile adds to a ranking. */
  warmSimilarityMs: number;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

/**
 * Prints the week's timings. `examples`: real papers to name as liked (the first 5) and disliked
 * (the next 2); `configured`: the configured rules, whose keywords a personal feed falls back to.
 */
export async function benchWeekTiming(
  examples: readonly Paper[],
  configured: RankRules,
): Promise<WeekTiming> {
  const profile: Profile = { likes: examples.slice(0, 5), dislikes: examples.slice(5, 7) };
  const rules: RankRules = { ...configured, mode: "word", minScore: 0, maxPapers: 200 };
  const noKeywords: RankRules = { ...rules, keywords: [] };
  const week = () => fullWeek().flat();
  const cold = week();
  const coldKeywords = cpuMs(() => rankPapers(cold, rules, { reuse: true }));
  // Fresh paper objects again: their word indexes and term vectors are all still to compute.
  const fresh = week();
  const coldProfile = cpuMs(() => rankWithProfile(fresh, rules, profile, { reuse: true }));
  const again = week();
  const coldAgain = cpuMs(() => rankWithProfile(again, rules, profile, { reuse: true }));
  const names = [
    "keywords only (today's personal ranking)",
    "keywords + profile (5 likes, 2 dislikes)",
    "profile only, no keywords",
    "profileScores alone (similarity and nearest liked paper of every paper)",
    "the similarity's own work (buildProfile, then the cosine of every paper)",
  ];
  const medians = warm([
    () => rankPapers(cold, rules, { reuse: true }),
    () => rankWithProfile(cold, rules, profile, { reuse: true }),
    () => rankWithProfile(cold, noKeywords, profile, { reuse: true }),
    () => profileScores(cold, profile.likes, profile.dislikes),
    () => {
      const model = buildProfile(cold, profile.likes, profile.dislikes);
      return model.pool.map(model.similarity);
    },
  ]);
  const rows = names.map((name, i): [string, number] => [name, medians[i] ?? Number.NaN]);
  const terms = mean(cold.map((paper) => paper.abstract.length + paper.title.length));
  console.log(
    `\n### Time to rank a full week (${cold.length} papers, mean ${Math.round(terms)} characters of text each)\n`,
  );
  console.log(
    "| ranking | CPU, cold (first ranking of fresh papers) | CPU, warm (median of 20, interleaved) |",
  );
  console.log("|---|---|---|");
  const [keywords, withProfile, ...rest] = rows;
  console.log(`| ${keywords?.[0]} | ${ms(coldKeywords)} | ${ms(keywords?.[1] ?? Number.NaN)} |`);
  console.log(`| ${withProfile?.[0]} | ${ms(coldProfile)} | ${ms(withProfile?.[1] ?? Number.NaN)} |`);
  for (const [name, value] of rest) console.log(`| ${name} | | ${ms(value)} |`);
  console.log(
    `\nCold with a profile: ${ms(coldProfile)} for the process's first (stem memo and JIT cold), ${ms(coldAgain)} for a second week of fresh papers. Warm, rankWithProfile copies only the papers it returns where rankPapers copies every match (with these keywords and no minimum, most of the week), which can hide the similarity's own cost: the last row is that cost.`,
  );
  const [warmKeywordsMs, warmKeywordsAndProfileMs, warmProfileOnlyMs, warmProfileScoresMs, warmSimilarityMs] =
    medians;
  return {
    papers: cold.length,
    coldKeywordsMs: coldKeywords,
    coldProfileMs: coldProfile,
    coldProfileAgainMs: coldAgain,
    warmKeywordsMs: warmKeywordsMs ?? Number.NaN,
    warmKeywordsAndProfileMs: warmKeywordsAndProfileMs ?? Number.NaN,
    warmProfileOnlyMs: warmProfileOnlyMs ?? Number.NaN,
    warmProfileScoresMs: warmProfileScoresMs ?? Number.NaN,
    warmSimilarityMs: warmSimilarityMs ?? Number.NaN,
  };
}
