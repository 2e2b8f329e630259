/**
 * Longest field kept from a feed, in characters (UTF-16 code units). arXiv's own limits are far
 * below (abstracts 1,920 characters, titles a few hundred); these bound what any server can make
 * a paper, and so a snapshot, cost: 30 items with 700 KB abstracts made `/rss` 36 MB.
 */
export const FIELD_LIMITS = {
  title: 500,
  abstract: 3000,
  comment: 1000,
  journalRef: 500,
  license: 300,
  doi: 200,
  authorName: 200,
  /** Names kept; the rest are summed up in one last entry (`… 2,950 more`). */
  authors: 100,
  /** Categories kept (identifiers: dropped, not marked). */
  categories: 20,
} as const;

/** `text` cut to at most `max` characters, the cut marked with "…" (never halving a surrogate pair). */
export function clipField(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end).trimEnd()}…`;
}

/** At most FIELD_LIMITS.authors names, each clipped; a longer list ends with `… N more`. */
export function clipAuthors(names: readonly string[]): string[] {
  const kept = names.slice(0, FIELD_LIMITS.authors).map((name) => clipField(name, FIELD_LIMITS.authorName));
  const more = names.length - kept.length;
  if (more > 0) kept.push(`… ${more.toLocaleString("en-US")} more`);
  return kept;
}

/** An optional field, clipped. */
export const clipOptional = (text: string | undefined, max: number): string | undefined =>
  text === undefined ? undefined : clipField(text, max);
