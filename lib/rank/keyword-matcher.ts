/** How a keyword is looked for in a title or abstract. */
export type MatchMode = "word" | "substring";

/** A text prepared once for all keyword tests. */
export interface MatchText {
  /** The text, lower-cased. */
  lower: string;
  /** The one-word keywords (lower-cased) that occur in it as words, plural forms resolved. */
  words: Pick<ReadonlySet<string>, "has">;
}

/** Tests whether one keyword occurs in a prepared text. */
export type KeywordMatcher = (text: MatchText) => boolean;

/** A compiled keyword; `word` is set for one-word keywords in word mode (matched by `scanWords`). */
export interface CompiledKeyword {
  keyword: string;
  test: KeywordMatcher;
  word?: string;
}

const SINGLE_WORD = /^[\p{L}\p{N}]+$/u;
const NON_ASCII_WORD_CHAR = /[\p{L}\p{N}]/u;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Builds the test for one keyword.
 * - `substring`: the reference system's rule, case-insensitive substring ("RL" is in "world").
 * - `word`: whole words, case-insensitive, with an optional plural `s`/`es` ("network" finds
 *   "networks", "RL" does not find "world" or "RLHF"); the words of a multi-word keyword may be
 *   separated by spaces or hyphens ("speculative decoding" finds "speculative-decoding").
 */
export function compileKeyword(keyword: string, mode: MatchMode): CompiledKeyword {
  const needle = keyword.trim().toLowerCase();
  if (mode === "substring") return { keyword, test: (text) => text.lower.includes(needle) };
  if (SINGLE_WORD.test(needle)) return { keyword, word: needle, test: (text) => text.words.has(needle) };
  const words = needle
    .split(/[\s-]+/)
    .filter(Boolean)
    .map(escapeRegExp);
  // Lookarounds instead of \b so that keywords ending in a symbol ("C++") still work.
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${words.join("[\\s\\-]+")}(?:e?s)?(?![\\p{L}\\p{N}])`, "u");
  return { keyword, test: (text) => pattern.test(text.lower) };
}

/** The hash the scanner computes incrementally while it reads a word. */
const step = (hash: number, code: number) => (Math.imul(hash, 31) + code) | 0;
const hashOf = (word: string) => {
  let hash = 0;
  for (let i = 0; i < word.length; i++) hash = step(hash, word.charCodeAt(i));
  return hash;
};

/**
 * Returns a scanner that finds which of `wanted` (lower-cased one-word keywords) occur in a
 * lower-cased text as words, a word `w` counting for `w`, `w`-minus-`s` and `w`-minus-`es`. One
 * pass over the text for all keywords, hashing each word as it is read and slicing only on a
 * hash hit: testing 30 keywords one by one meant 30 scans of each abstract, the bulk of a
 * refresh's ranking time.
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
    const check = (hash: number, from: number, to: number) => {
      const candidates = byHash.get(hash);
      if (!candidates) return;
      const word = lower.slice(from, to);
      if (candidates.includes(word)) found.add(word);
    };
    let start = -1;
    // Hashes of the current word, of it without its last character, and without its last two.
    let hash = 0;
    let less1 = 0;
    let less2 = 0;
    for (let i = 0; i <= lower.length; i++) {
      const code = i < lower.length ? lower.charCodeAt(i) : 32;
      // Letters and digits form words (the regex rule's \p{L}\p{N}); anything else ends one.
      const isWord =
        code < 128
          ? (code >= 97 && code <= 122) || (code >= 48 && code <= 57)
          : NON_ASCII_WORD_CHAR.test(lower[i] ?? "");
      if (isWord) {
        if (start < 0) {
          start = i;
          hash = 0;
          less1 = 0;
        }
        less2 = less1;
        less1 = hash;
        hash = step(hash, code);
      } else if (start >= 0) {
        check(hash, start, i);
        if (lower.charCodeAt(i - 1) === 115 && i - 1 > start) {
          check(less1, start, i - 1);
          if (lower.charCodeAt(i - 2) === 101 && i - 2 > start) check(less2, start, i - 2);
        }
        start = -1;
      }
    }
    return found;
  };
}
