import { hashOf, WITHOUT_ES, WITHOUT_S, walkWords } from "./word-walk.js";

/**
 * A text's words as one sorted array of hashes: each word, its candidate singulars and each pair
 * of neighbours that only spaces and hyphens separate. Built once per stored paper and kept
 * while the paper is (personal feeds rank the same window again and again), it answers "could
 * this text contain these words" by binary search, without reading the text; a hit is then
 * confirmed on the text, since hashes may collide. About 1.5 KB per abstract.
 */
export type WordIndex = Int32Array;

/** The hash of `second` following `first` (as `pairKey` names it). */
export const pairHash = (first: number, second: number): number =>
  (Math.imul(first, 0x9e3779b1) ^ second) | 0;

export function indexWords(lower: string): WordIndex {
  const hashes: number[] = [];
  let previous: number | undefined;
  walkWords(lower, (_start, _end, word) => {
    const forms = [word.hash];
    if (word.variants & WITHOUT_S) forms.push(word.less1);
    if (word.variants & WITHOUT_ES) forms.push(word.less2);
    for (const form of forms) {
      hashes.push(form);
      if (word.joined && previous !== undefined) hashes.push(pairHash(previous, form));
    }
    previous = word.hash;
  });
  return Int32Array.from(new Set(hashes)).sort();
}

export function hasHash(index: WordIndex, hash: number): boolean {
  let low = 0;
  let high = index.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const value = index[middle] as number;
    if (value === hash) return true;
    if (value < hash) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}

/** The hash a `wordScanner` key (a word, or a `pairKey`) has in an index. */
export function keyHash(key: string): number {
  const split = key.indexOf("\u0000");
  return split < 0 ? hashOf(key) : pairHash(hashOf(key.slice(0, split)), hashOf(key.slice(split + 1)));
}
