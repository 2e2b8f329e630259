import type { KeywordMatch, Paper } from "../model/paper.js";
import {
  type CompiledKeyword,
  compileKeyword,
  type MatchMode,
  type MatchText,
  wordScanner,
} from "./keyword-matcher.js";
import { hasHash, indexWords, keyHash, type WordIndex } from "./word-index.js";

/** Keyword rules compiled once and applied to many papers. */
export interface CompiledRules {
  keywords: CompiledKeyword[];
  exclude: CompiledKeyword[];
  /** Finds every one-word keyword (of both lists) in a text in one pass. */
  scan: (lower: string) => Set<string>;
  /** The paper's title and abstract prepared for the tests. */
  prepare: (paper: ScoredText) => { title: MatchText; abstract: MatchText };
}

type ScoredText = Pick<Paper, "title" | "abstract">;

/** Lower-cased texts and word indexes of papers that are ranked again and again. */
const indexed = new WeakMap<ScoredText, { title: [string, WordIndex]; abstract: [string, WordIndex] }>();

function indexedTexts(paper: ScoredText) {
  let entry = indexed.get(paper);
  if (!entry) {
    const prepare = (text: string): [string, WordIndex] => {
      const lower = text.toLowerCase();
      return [lower, indexWords(lower)];
    };
    entry = { title: prepare(paper.title), abstract: prepare(paper.abstract) };
    indexed.set(paper, entry);
  }
  return entry;
}

/** Reads papers through their cached word indexes, each rule word hashed once. */
function indexedPreparer(): CompiledRules["prepare"] {
  const hashes = new Map<string, number>();
  const hashOfKey = (key: string) => {
    let hash = hashes.get(key);
    if (hash === undefined) {
      hash = keyHash(key);
      hashes.set(key, hash);
    }
    return hash;
  };
  const view = ([lower, index]: [string, WordIndex]): MatchText => ({
    lower,
    words: { has: (key) => hasHash(index, hashOfKey(key)) },
    exact: false,
  });
  return (paper) => {
    const entry = indexedTexts(paper);
    return { title: view(entry.title), abstract: view(entry.abstract) };
  };
}

/**
 * Compiles keyword and exclusion lists for one match mode. `reuse`: the papers are stored ones
 * that will be ranked again (personal feeds), so each text is indexed once and kept with the
 * paper; otherwise (a refresh's new papers) each text is scanned once for these rules' words.
 */
export function compileRules(
  keywords: readonly string[],
  exclude: readonly string[],
  mode: MatchMode,
  options: { reuse?: boolean } = {},
): CompiledRules {
  const compile = (list: readonly string[]) => list.map((keyword) => compileKeyword(keyword, mode));
  const compiled = { keywords: compile(keywords), exclude: compile(exclude) };
  const words = [...compiled.keywords, ...compiled.exclude].flatMap((k) => k.words);
  const rules: CompiledRules = {
    ...compiled,
    scan: wordScanner(words),
    prepare: options.reuse
      ? indexedPreparer()
      : (paper) => ({ title: matchText(paper.title, rules), abstract: matchText(paper.abstract, rules) }),
  };
  return rules;
}

/** Prepares one text for all the rules' tests. */
export function matchText(text: string, rules: CompiledRules): MatchText {
  const lower = text.toLowerCase();
  return { lower, words: rules.scan(lower), exact: true };
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
  const { title, abstract } = rules.prepare(paper);
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
