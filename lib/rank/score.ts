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
  const words = [...compiled.keywords, ...compiled.exclude].flatMap((k) => (k.word ? [k.word] : []));
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
 * The reference system's score: +1 for every keyword found in title + abstract, and +0.5 more
 * when it is found in the title. A paper matching an exclude keyword anywhere is excluded.
 */
export function scorePaper(paper: Pick<Paper, "title" | "abstract">, rules: CompiledRules): PaperScore {
  const title = matchText(paper.title, rules);
  const abstract = matchText(paper.abstract, rules);
  let joined: string | undefined;
  const text: MatchText = {
    // Only substring and multi-word keywords read the joined text: build it on first use.
    get lower() {
      joined ??= `${title.lower} ${abstract.lower}`;
      return joined;
    },
    words: { has: (word: string) => title.words.has(word) || abstract.words.has(word) },
  };
  for (const rule of rules.exclude) {
    if (rule.test(text)) return { excluded: true, by: rule.keyword };
  }
  let score = 0;
  const matches: KeywordMatch[] = [];
  for (const rule of rules.keywords) {
    if (!rule.test(text)) continue;
    const inTitle = rule.test(title);
    score += inTitle ? 1.5 : 1;
    matches.push({ keyword: rule.keyword, inTitle, inAbstract: rule.test(abstract) });
  }
  return { excluded: false, score, matches };
}
