import type { KeywordMatch, Paper } from "../model/paper.js";
import {
  type CompiledKeyword,
  compileKeyword,
  type MatchMode,
  type MatchText,
  wordScanner,
} from "./keyword-matcher.js";

/** Keyword rules compiled once and applied to many papers. */
export interface CompiledRules {
  keywords: CompiledKeyword[];
  exclude: CompiledKeyword[];
  /** Finds every one-word keyword (of both lists) in a text in one pass. */
  scan: (lower: string) => Set<string>;
}

/** Compiles keyword and exclusion lists for one match mode. */
export function compileRules(
  keywords: readonly string[],
  exclude: readonly string[],
  mode: MatchMode,
): CompiledRules {
  const compile = (list: readonly string[]) => list.map((keyword) => compileKeyword(keyword, mode));
  const compiled = { keywords: compile(keywords), exclude: compile(exclude) };
  const words = [...compiled.keywords, ...compiled.exclude].flatMap((k) => k.words);
  return { ...compiled, scan: wordScanner(words) };
}

/** Prepares one text for all the rules' tests. */
export function matchText(text: string, rules: CompiledRules): MatchText {
  const lower = text.toLowerCase();
  return { lower, words: rules.scan(lower) };
}

/** A paper's score and the keywords that matched, or `excluded` naming the exclusion that hit. */
export type PaperScore =
  | { excluded: false; score: number; matches: KeywordMatch[] }
  | { excluded: true; by: string };

/**
 * The reference system's score: +1 for every keyword found in the title or the abstract, and
 * +0.5 more when it is found in the title. A paper matching an exclude keyword anywhere is
 * excluded. Each text is scanned once for all the rules' words.
 */
export function scorePaper(paper: Pick<Paper, "title" | "abstract">, rules: CompiledRules): PaperScore {
  const title = matchText(paper.title, rules);
  const abstract = matchText(paper.abstract, rules);
  for (const rule of rules.exclude) {
    if (rule.test(title) || rule.test(abstract)) return { excluded: true, by: rule.keyword };
  }
  let score = 0;
  const matches: KeywordMatch[] = [];
  for (const rule of rules.keywords) {
    const inTitle = rule.test(title);
    const inAbstract = rule.test(abstract);
    if (!inTitle && !inAbstract) continue;
    score += inTitle ? 1.5 : 1;
    matches.push({ keyword: rule.keyword, inTitle, inAbstract });
  }
  return { excluded: false, score, matches };
}
