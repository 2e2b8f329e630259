/**
 * The one reading of a lower-cased text as words, shared by the keyword scanner and the cached
 * word index: letters and digits form words (the regex rule's `\p{L}\p{N}`), anything else ends
 * one, and only spaces and hyphens may join the words of a phrase (the rule's `[\s\-]`).
 */

/** The hash computed incrementally while a word is read. */
const step = (hash: number, code: number) => (Math.imul(hash, 31) + code) | 0;

/** The hash `walkWords` gives a word. */
export function hashOf(word: string): number {
  let hash = 0;
  for (let i = 0; i < word.length; i++) hash = step(hash, word.charCodeAt(i));
  return hash;
}

/** `WordSeen.variants` flags: the word minus `s`, minus `es`, is a candidate singular. */
export const WITHOUT_S = 1;
export const WITHOUT_ES = 2;

/** One word as read (the object is reused from word to word: copy what you keep). */
export interface WordSeen {
  hash: number;
  /** Hashes of the word without its last character, and without its last two. */
  less1: number;
  less2: number;
  variants: number;
  /** Only spaces and hyphens since the previous word (a phrase may run across). */
  joined: boolean;
}

const NON_ASCII_WORD_CHAR = /[\p{L}\p{N}]/u;
const WHITESPACE = /\s/u;

/** Whether a character may separate the words of a phrase. */
const isPhraseGap = (code: number, char: string | undefined) =>
  code === 32 || code === 45 || (code >= 9 && code <= 13) || (code >= 128 && WHITESPACE.test(char ?? ""));

/** Calls `visit` for every word of `lower`, in order, with its span `[start, end)`. */
export function walkWords(lower: string, visit: (start: number, end: number, word: WordSeen) => void): void {
  const word: WordSeen = { hash: 0, less1: 0, less2: 0, variants: 0, joined: false };
  let joined = false;
  let start = -1;
  let hash = 0;
  let less1 = 0;
  let less2 = 0;
  for (let i = 0; i <= lower.length; i++) {
    const code = i < lower.length ? lower.charCodeAt(i) : 32;
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
      continue;
    }
    if (start >= 0) {
      const plural = lower.charCodeAt(i - 1) === 115 && i - 1 > start;
      word.hash = hash;
      word.less1 = less1;
      word.less2 = less2;
      word.variants =
        (plural ? WITHOUT_S : 0) |
        (plural && lower.charCodeAt(i - 2) === 101 && i - 2 > start ? WITHOUT_ES : 0);
      word.joined = joined;
      visit(start, i, word);
      start = -1;
      joined = true;
    }
    if (!isPhraseGap(code, lower[i])) joined = false;
  }
}
