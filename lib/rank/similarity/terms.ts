/*
 * A paper's text as terms for similarity: lower-cased, accents and TeX markup dropped, stop words
 * out, Porter stems (so plurals and -ing/-ed forms fold), hyphenated terms both split and joined.
 * One pass over the text, linear in its length; every kept term is at most MAX_TERM_LENGTH long.
 */
import { stemmer } from "stemmer";
import { FIELD_LIMITS } from "../../arxiv/field-limits.js";
import { STOP_WORDS } from "./stop-words.js";

/** How many times a title word counts against one in the abstract: a title is the paper's summary. */
export const TITLE_WEIGHT = 2;

/**
 * Longest word kept, in characters: longer runs are identifiers, hashes or hostile text, not
 * topic words. It also bounds the stemmer's work, whose suffix rules are regexes over the word.
 */
export const MAX_TERM_LENGTH = 32;

/** Weighted term counts of one paper: term (a stem) → count, title words counted TITLE_WEIGHT times. */
export type TermCounts = Map<string, number>;

/** Stems already computed; a vocabulary repeats, and the stemmer is the costliest step. */
const stems = new Map<string, string>();
/** Entries kept before the memo starts again (bounds its memory under hostile text). */
const MAX_STEMS = 100_000;

function stemOf(word: string): string {
  let stem = stems.get(word);
  if (stem === undefined) {
    if (stems.size >= MAX_STEMS) stems.clear();
    stem = stemmer(word);
    stems.set(word, stem);
  }
  return stem;
}

const ONLY_DIGITS = /^[0-9]+$/;

/** The term a word stands for, or undefined when it says nothing (too short or long, a number, a stop word). */
function termOf(word: string): string | undefined {
  if (word.length < 2 || word.length > MAX_TERM_LENGTH) return undefined;
  if (ONLY_DIGITS.test(word) || STOP_WORDS.has(word)) return undefined;
  return stemOf(word);
}

const NON_ASCII_WORD_CHAR = /[\p{L}\p{N}]/u;
const NON_ASCII_MARK = /\p{M}/u;
const isAsciiWordChar = (code: number) => (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
const isAsciiLetter = (code: number) => (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
/** `-` and the Unicode hyphen and non-breaking hyphen. */
const isHyphen = (code: number) => code === 45 || code === 0x2010 || code === 0x2011;

/** What one character does to the word being read (`Transparent`: skipped without ending it). */
const Role = { Word: 0, Transparent: 1, Separator: 2 } as const;
type Role = (typeof Role)[keyof typeof Role];

/** Combining accents and TeX braces are transparent: `na\u0308ive` and `{F}ast` stay one word. */
function roleOf(text: string, at: number): Role {
  const code = text.charCodeAt(at);
  if (code < 128)
    return isAsciiWordChar(code)
      ? Role.Word
      : code === 123 || code === 125
        ? Role.Transparent
        : Role.Separator;
  const char = text[at] ?? "";
  if (NON_ASCII_MARK.test(char)) return Role.Transparent;
  return NON_ASCII_WORD_CHAR.test(char) ? Role.Word : Role.Separator;
}

/** The symbols of TeX's accent commands (`\\'e`, `\\"o`); other escapes (`\\%`, `\\,`) end a word. */
const TEX_ACCENTS = new Set("'`^\"~=.");

/**
 * Where the TeX command at `at` (a backslash) ends, and whether it is an accent that leaves the
 * word whole (`Psych\=eChat`, `Dvo\v{r}\'ak`) rather than a command that ends it (`\alpha`, `\emph`).
 */
function texCommandEnd(text: string, at: number): { end: number; accent: boolean } {
  let end = at + 1;
  while (end < text.length && isAsciiLetter(text.charCodeAt(end))) end++;
  if (end === at + 1)
    return { end: Math.min(at + 2, text.length), accent: TEX_ACCENTS.has(text[at + 1] ?? "") };
  return { end, accent: end === at + 2 && text[end] === "{" };
}

/** Reads `text` as words, calling `visit` with each and whether a hyphen joins it to the one before. */
function walkWords(text: string, visit: (word: string, hyphenated: boolean) => void): void {
  let prefix = "";
  let start = -1;
  let joined = false;
  const end = (at: number, hyphen: boolean) => {
    if (start >= 0 || prefix) {
      visit(start >= 0 ? prefix + text.slice(start, at) : prefix, joined);
      joined = hyphen;
    } else joined = false;
    prefix = "";
    start = -1;
  };
  // A word interrupted by accents or braces is kept as pieces; past the longest term, pieces stop
  // growing (the word will be dropped anyway), so a hostile run of accents stays linear.
  const interrupt = (at: number) => {
    if (start >= 0 && prefix.length <= MAX_TERM_LENGTH) prefix += text.slice(start, at);
    start = -1;
  };
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    // The common case first: a lower-case ASCII letter or digit inside or starting a word.
    if (code < 128 && isAsciiWordChar(code)) {
      if (start < 0) start = at;
      continue;
    }
    if (code === 92) {
      const command = texCommandEnd(text, at);
      if (command.accent) interrupt(at);
      else end(at, false);
      at = command.end - 1;
      continue;
    }
    const role = roleOf(text, at);
    if (role === Role.Word) {
      if (start < 0) start = at;
    } else if (role === Role.Transparent) interrupt(at);
    else end(at, isHyphen(code) && roleOf(text, at + 1) === Role.Word);
  }
  end(text.length, false);
}

/**
 * Calls `visit` with every term of `text` in order: each word's term, and after a hyphenated run
 * (`long-context`) the joined term too (`longcontext`), so either spelling finds the other.
 */
export function forEachTerm(text: string, visit: (term: string) => void): void {
  // NFKD splits accents from letters (and turns ligatures, superscripts and math letters into
  // plain ones). It may expand one character into up to 18; the cut keeps the work within twice
  // the input's length whatever the text.
  const normal = text
    .normalize("NFKD")
    .toLowerCase()
    .slice(0, 2 * text.length);
  // The hyphenated run so far: its first word alone until a second one joins it.
  let first = "";
  let joined = "";
  const flush = () => {
    if (joined && joined.length <= MAX_TERM_LENGTH) {
      const term = termOf(joined);
      if (term !== undefined) visit(term);
    }
    joined = "";
  };
  walkWords(normal, (word, hyphenated) => {
    if (!hyphenated) {
      flush();
      first = word;
    } else if (joined.length <= MAX_TERM_LENGTH) joined = (joined || first) + word;
    const term = termOf(word);
    if (term !== undefined) visit(term);
  });
  flush();
}

/** The terms of `text`, in order, repeats included. */
export function textTerms(text: string): string[] {
  const terms: string[] = [];
  forEachTerm(text, (term) => terms.push(term));
  return terms;
}

/** A paper's weighted term counts: its title's terms TITLE_WEIGHT times, its abstract's once. */
export function paperTerms(paper: { title: string; abstract: string }): TermCounts {
  const counts: TermCounts = new Map();
  const add = (weight: number) => (term: string) => counts.set(term, (counts.get(term) ?? 0) + weight);
  forEachTerm(paper.title.slice(0, FIELD_LIMITS.title), add(TITLE_WEIGHT));
  forEachTerm(paper.abstract.slice(0, FIELD_LIMITS.abstract), add(1));
  return counts;
}
