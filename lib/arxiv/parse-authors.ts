import { cleanText, texAccentsToUnicode } from "./text.js";

/** Name suffixes that follow a comma but belong to the name before: `John Smith, Jr.`. */
const SUFFIX = /^(?:jr|sr|ii|iii|iv)\.?$/i;

/**
 * Splits an author line as arXiv writes it: `A, B, C`, `A and B`, `A, B, and C`, `A, B and C`.
 * " and " splits only the last comma-separated part, so "and" inside a collaboration name
 * earlier in the list is kept. `et al.` is dropped; TeX accents become Unicode.
 */
export function splitAuthors(line: string): string[] {
  const text = cleanText(texAccentsToUnicode(line));
  if (text === "") return [];
  const parts = text.split(",").map((p) => p.trim().replace(/^and\s+/i, ""));
  const last = parts.pop() ?? "";
  parts.push(...last.split(/\s+and\s+/i));
  const names: string[] = [];
  for (const part of parts) {
    if (part === "" || /^et\.? al\.?/i.test(part)) continue;
    const prev = names.length - 1;
    if (SUFFIX.test(part) && prev >= 0) names[prev] = `${names[prev]}, ${part}`;
    else names.push(part);
  }
  return names;
}
