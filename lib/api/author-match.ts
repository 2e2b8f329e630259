/** Lower case without accents, so "Schölkopf" is found by "scholkopf". */
function foldName(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

/** True when one of `authors` contains one of `wanted` (case and accents ignored). */
export function hasAuthor(authors: readonly string[], wanted: readonly string[]): boolean {
  const needles = wanted.map(foldName);
  return authors.some((author) => {
    const name = foldName(author);
    return needles.some((needle) => name.includes(needle));
  });
}
