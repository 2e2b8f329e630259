import { hashOf, WITHOUT_ES, WITHOUT_S, walkWords } from "./word-walk.js";

/** How a keyword is looked for in a title or abstract. */
export type MatchMode = "word" | "substring";

/** A text prepared once for all keyword tests. */
export interface MatchText {
  /** The text, lower-cased. */
  lower: string;
  /**
   * The wanted words (lower-cased) that occur in it as words, plural forms resolved, and the
   * `pairKey`s of wanted words that follow each other.
   */
  words: Pick<ReadonlySet<string>, "has">;
  /** False when `words` may answer yes wrongly (a cached hash index): a hit is then confirmed. */
  exact: boolean;
}

/** Tests whether one keyword occurs in a prepared text. */
export type KeywordMatcher = (text: MatchText) => boolean;

/**
 * A compiled keyword. `words` are the letters-and-digits words a text must contain for it to
 * match (found for all keywords at once by `wordScanner`), so most papers are settled by set
 * lookups and only the rest are searched.
 */
export interface CompiledKeyword {
  keyword: string;
  test: KeywordMatcher;
  words: readonly string[];
}

/** A keyword with nothing to look for ("-", "  "): it would match every paper. */
export class EmptyKeywordError extends Error {
  override readonly name = "EmptyKeywordError";
  constructor(readonly keyword: string) {
    super(`"${keyword}" has no letters, digits or symbols to look for (it would match every paper)`);
  }
}

const SINGLE_WORD = /^[\p{L}\p{N}]+$/u;
const ENDS_IN_WORD_CHAR = /[\p{L}\p{N}]$/u;

/**
 * The key `wordScanner` records when wanted word `second` follows wanted word `first` with only
 * spaces and hyphens between them (`second` in any of its plural forms).
 */
export const pairKey = (first: string, second: string): string => `${first}\u0000${second}`;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * True when `sticky` matches at an occurrence of `first` (its first word) that starts a word:
 * `indexOf` jumps between candidates natively, where a regex opening with a lookbehind would
 * try every position of the text.
 */
function findPhrase(lower: string, first: string, sticky: RegExp): boolean {
  for (let at = lower.indexOf(first); at >= 0; at = lower.indexOf(first, at + 1)) {
    // Two code units cover a letter outside the BMP before the match.
    if (at > 0 && ENDS_IN_WORD_CHAR.test(lower.slice(Math.max(0, at - 2), at))) continue;
    sticky.lastIndex = at;
    if (sticky.test(lower)) return true;
  }
  return false;
}

/** A multi-word (or symbol-bearing) keyword in word mode; `parts` split at spaces and hyphens. */
function compilePhrase(keyword: string, parts: readonly string[]): CompiledKeyword {
  const words = parts.filter((part) => SINGLE_WORD.test(part));
  // Neighbouring plain words must occur as neighbours: a long phrase of common words is then
  // settled by the scan, not searched for in every abstract that has its words somewhere.
  const pairs = parts.flatMap((part, i) => {
    const next = parts[i + 1];
    return next !== undefined && SINGLE_WORD.test(part) && SINGLE_WORD.test(next)
      ? [pairKey(part, next)]
      : [];
  });
  // Pairs first: far rarer than their words, they settle most texts at the first lookup.
  const required = [...pairs, ...words];
  const first = parts[0] ?? "";
  // The lookahead instead of \b so that keywords ending in a symbol ("C++") still work.
  const sticky = new RegExp(`${parts.map(escapeRegExp).join("[\\s\\-]+")}(?:e?s)?(?![\\p{L}\\p{N}])`, "uy");
  return {
    keyword,
    words,
    test: (text) => required.every((key) => text.words.has(key)) && findPhrase(text.lower, first, sticky),
  };
}

/** The words of a word-mode keyword: spaces and hyphens separate them. */
const keywordParts = (needle: string) => needle.split(/[\s-]+/).filter(Boolean);

/** What a keyword that `isEmptyKeyword` rejects is told. */
export const EMPTY_KEYWORD_RULE =
  "must contain a letter, digit or symbol (only hyphens and spaces would match every paper)";

/**
 * True when a keyword has nothing to look for and so would match every paper: blank, or in word
 * mode only hyphens and spaces (`keywords=-`). Parameters and config.json check this first.
 */
export function isEmptyKeyword(keyword: string, mode: MatchMode): boolean {
  const needle = keyword.trim();
  return mode === "substring" ? needle === "" : keywordParts(needle).length === 0;
}

/**
 * Builds the test for one keyword.
 * - `substring`: the reference system's rule, case-insensitive substring ("RL" is in "world").
 * - `word`: whole words, case-insensitive, with an optional plural `s`/`es` ("network" finds
 *   "networks", "RL" does not find "world" or "RLHF"); the words of a multi-word keyword may be
 *   separated by spaces or hyphens ("speculative decoding" finds "speculative-decoding").
 * Throws EmptyKeywordError for a keyword with nothing to look for (blank; in word mode, only
 * hyphens and spaces).
 */
export function compileKeyword(keyword: string, mode: MatchMode): CompiledKeyword {
  if (isEmptyKeyword(keyword, mode)) throw new EmptyKeywordError(keyword);
  const needle = keyword.trim().toLowerCase();
  if (mode === "substring") return { keyword, words: [], test: (text) => text.lower.includes(needle) };
  const parts = keywordParts(needle);
  if (!SINGLE_WORD.test(needle)) return compilePhrase(keyword, parts);
  const confirm = compilePhrase(keyword, parts).test;
  return {
    keyword,
    words: [needle],
    test: (text) => text.words.has(needle) && (text.exact || confirm(text)),
  };
}

/**
 * Returns a scanner that finds which of `wanted` (lower-cased one-word keywords) occur in a
 * lower-cased text as words, a word `w` counting for `w`, `w`-minus-`s` and `w`-minus-`es`, and
 * which follow each other (`pairKey`). One pass over the text for all keywords, hashing each word
 * as it is read and slicing only on a hash hit: testing 30 keywords one by one meant 30 scans of
 * each abstract, the bulk of a refresh's ranking time.
 */
export function wordScanner(wanted: Iterable<string>): (lower: string) => Set<string> {
  const byHash = new Map<number, string[]>();
  for (const needle of new Set(wanted)) {
    const hash = hashOf(needle);
    byHash.set(hash, [...(byHash.get(hash) ?? []), needle]);
  }
  return (lower) => {
    const found = new Set<string>();
    if (byHash.size === 0) return found;
    const check = (hash: number, from: number, to: number): string | undefined => {
      const candidates = byHash.get(hash);
      if (!candidates) return undefined;
      const word = lower.slice(from, to);
      if (!candidates.includes(word)) return undefined;
      found.add(word);
      return word;
    };
    // The last wanted word, while only spaces and hyphens have followed it (a phrase may go on).
    let previous: string | undefined;
    const pair = (word: string | undefined) => {
      if (word !== undefined && previous !== undefined) found.add(pairKey(previous, word));
    };
    walkWords(lower, (start, end, word) => {
      if (!word.joined) previous = undefined;
      const exact = check(word.hash, start, end);
      pair(exact);
      if (word.variants & WITHOUT_S) pair(check(word.less1, start, end - 1));
      if (word.variants & WITHOUT_ES) pair(check(word.less2, start, end - 2));
      previous = exact;
    });
    return found;
  };
}
