/** Lower case without accents, so "Schölkopf" is found by "scholkopf". */
function foldName(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

/**
 * Folded names per author list: stored papers (and so their lists) are kept across requests on a
 * warm instance, and normalising every author of a week's window was a large share of a query.
 */
const folded = new WeakMap<readonly string[], string[]>();

function foldedNames(authors: readonly string[]): string[] {
  let names = folded.get(authors);
  if (!names) {
    names = authors.map(foldName);
    folded.set(authors, names);
  }
  return names;
}

/** A test for author lists, `wanted` folded once for all the papers it is applied to. */
export function authorMatcher(wanted: readonly string[]): (authors: readonly string[]) => boolean {
  const needles = wanted.map(foldName);
  return (authors) => foldedNames(authors).some((name) => needles.some((needle) => name.includes(needle)));
}

/** True when one of `authors` contains one of `wanted` (case and accents ignored). */
export function hasAuthor(authors: readonly string[], wanted: readonly string[]): boolean {
  return authorMatcher(wanted)(authors);
}
