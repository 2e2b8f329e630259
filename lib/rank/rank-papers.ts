import type { Paper } from "../model/paper.js";
import type { RankedPaper } from "../model/snapshot.js";
import { type DedupeMethod, dedupePapers } from "./dedupe.js";
import type { MatchMode } from "./keyword-matcher.js";
import { type CompiledRules, compileRules, scorePaper } from "./score.js";

/** The ranking rules: the reference config's keys, in our names. */
export interface RankRules {
  keywords: readonly string[];
  exclude: readonly string[];
  mode: MatchMode;
  minScore: number;
  /** Most papers returned. */
  maxPapers: number;
  /** Dedupe methods; empty turns deduplication off. */
  dedupe: readonly DedupeMethod[];
}

/** A paper with its score under `compiled`; an excluded or unmatched paper scores 0 with no matches. */
export function scoreOne(paper: Paper, compiled: CompiledRules): RankedPaper {
  const result = scorePaper(paper, compiled);
  return result.excluded
    ? { ...paper, score: 0, matches: [] }
    : { ...paper, score: result.score, matches: result.matches };
}

/**
 * Of scored papers, keeps those that matched a keyword (and no exclusion) with at least
 * `minScore`, highest score first (ties: newest arXiv id first, so the order does not depend on
 * feed order), deduplicated, at most `maxPapers`. Pure.
 */
export function selectRanked(scored: readonly RankedPaper[], rules: RankRules): RankedPaper[] {
  const kept = scored.filter((paper) => paper.matches.length > 0 && paper.score >= rules.minScore);
  kept.sort(byScoreThenId);
  const unique = rules.dedupe.length ? dedupePapers(kept, rules.dedupe, rules.maxPapers) : kept;
  return unique.slice(0, rules.maxPapers);
}

/**
 * Scores, filters, dedupes and sorts papers (`scoreOne`, then `selectRanked`). Pure. `reuse`:
 * the papers are stored ones ranked again and again (see `compileRules`).
 */
export function rankPapers(
  papers: readonly Paper[],
  rules: RankRules,
  options: { reuse?: boolean } = {},
): RankedPaper[] {
  const compiled = compileRules(rules.keywords, rules.exclude, rules.mode, options);
  // Only matching papers are copied with their score: a week's window is thousands of papers.
  const scored: RankedPaper[] = [];
  for (const paper of papers) {
    const result = scorePaper(paper, compiled);
    if (!result.excluded && result.matches.length > 0)
      scored.push({ ...paper, score: result.score, matches: result.matches });
  }
  return selectRanked(scored, rules);
}

/** Highest score first; ties broken by arXiv id, newest first. */
export function byScoreThenId(a: RankedPaper, b: RankedPaper): number {
  return b.score - a.score || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}
