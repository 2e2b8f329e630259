/** How a keyword is looked for in a title or abstract. */
export type MatchMode = "word" | "substring";

/** Tests whether one keyword occurs in a text. */
export type KeywordMatcher = (text: string) => boolean;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Builds the test for one keyword.
 * - `substring`: the reference system's rule, case-insensitive substring ("RL" is in "world").
 * - `word`: whole words, case-insensitive, with an optional plural `s`/`es` ("network" finds
 *   "networks", "RL" does not find "world" or "RLHF"); the words of a multi-word keyword may be
 *   separated by spaces or hyphens ("speculative decoding" finds "speculative-decoding").
 */
export function compileKeyword(keyword: string, mode: MatchMode): KeywordMatcher {
  const needle = keyword.trim();
  if (mode === "substring") {
    const lower = needle.toLowerCase();
    return (text) => text.toLowerCase().includes(lower);
  }
  const words = needle
    .split(/[\s-]+/)
    .filter(Boolean)
    .map(escapeRegExp);
  const body = words.join("[\\s\\-]+");
  // Lookarounds instead of \b so that keywords ending in a symbol ("C++") still work.
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${body}(?:e?s)?(?![\\p{L}\\p{N}])`, "iu");
  return (text) => pattern.test(text);
}
