import type { KeywordMatch, Paper } from "../model/paper.js";
import { compileKeyword, type KeywordMatcher, type MatchMode } from "./keyword-matcher.js";

/** Keyword rules compiled once and applied to many papers. */
export interface CompiledRules {
  keywords: { keyword: string; test: KeywordMatcher }[];
  exclude: { keyword: string; test: KeywordMatcher }[];
}

/** Compiles keyword and exclusion lists for one match mode. */
export function compileRules(
  keywords: readonly string[],
  exclude: readonly string[],
  mode: MatchMode,
): CompiledRules {
  const compile = (list: readonly string[]) =>
    list.map((keyword) => ({ keyword, test: compileKeyword(keyword, mode) }));
  return { keywords: compile(keywords), exclude: compile(exclude) };
}

/** A paper's score and the keywords that matched, or `excluded` naming the exclusion that hit. */
export type PaperScore =
  | { excluded: false; score: number; matches: KeywordMatch[] }
  | { excluded: true; by: string };

/**
 * The reference system's score: +1 for every keyword found in title + abstract, and +0.5 more
 * when it is found in the title. A paper matching an exclude keyword anywhere is excluded.
 */
export function scorePaper(paper: Pick<Paper, "title" | "abstract">, rules: CompiledRules): PaperScore {
  const text = `${paper.title} ${paper.abstract}`;
  for (const rule of rules.exclude) {
    if (rule.test(text)) return { excluded: true, by: rule.keyword };
  }
  let score = 0;
  const matches: KeywordMatch[] = [];
  for (const rule of rules.keywords) {
    if (!rule.test(text)) continue;
    const inTitle = rule.test(paper.title);
    score += inTitle ? 1.5 : 1;
    matches.push({ keyword: rule.keyword, inTitle, inAbstract: rule.test(paper.abstract) });
  }
  return { excluded: false, score, matches };
}
