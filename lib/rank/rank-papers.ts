import type { Paper } from "../model/paper.js";
import type { RankedPaper } from "../model/snapshot.js";
import { type DedupeMethod, dedupePapers } from "./dedupe.js";
import type { MatchMode } from "./keyword-matcher.js";
import { compileRules, scorePaper } from "./score.js";

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

/**
 * Scores, filters, dedupes and sorts papers: keeps those matching any keyword and no exclusion,
 * scoring at least `minScore`, highest score first (ties: newest arXiv id first, so the order
 * does not depend on feed order), at most `maxPapers`. Pure.
 */
export function rankPapers(papers: readonly Paper[], rules: RankRules): RankedPaper[] {
  const compiled = compileRules(rules.keywords, rules.exclude, rules.mode);
  const scored: RankedPaper[] = [];
  for (const paper of papers) {
    const result = scorePaper(paper, compiled);
    if (result.excluded || result.matches.length === 0 || result.score < rules.minScore) continue;
    scored.push({ ...paper, score: result.score, matches: result.matches });
  }
  scored.sort(byScoreThenId);
  const unique = rules.dedupe.length ? dedupePapers(scored, rules.dedupe) : scored;
  return unique.slice(0, rules.maxPapers);
}

/** Highest score first; ties broken by arXiv id, newest first. */
export function byScoreThenId(a: RankedPaper, b: RankedPaper): number {
  return b.score - a.score || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}
