import { cleanText, texAccentsToUnicode } from "./text.js";

/** Name suffixes that follow a comma but belong to the name before: `John Smith, Jr.`. */
const SUFFIX = /^(?:jr|sr|ii|iii|iv)\.?$/i;
const ET_AL = /^et\.? al\b/i;
const AND = /\s+and\s+/i;

/**
 * Splits an author line as arXiv writes it: `A, B, C`, `A and B`, `A, B, and C`, `A, B and C`.
 * " and " splits only the last comma-separated part, so "and" inside a collaboration name
 * earlier in the list is kept. `et al.` is dropped; TeX accents become Unicode.
 */
export function splitAuthors(line: string): string[] {
  const text = cleanText(texAccentsToUnicode(line));
  if (text === "") return [];
  const parts = text.split(",");
  const last = parts.pop() ?? "";
  if (AND.test(last)) parts.push(...last.split(AND));
  else parts.push(last);
  const names: string[] = [];
  for (const raw of parts) {
    let part = raw.trim();
    if (part.length > 4 && (part[0] === "a" || part[0] === "A") && /^and\s/i.test(part))
      part = part.slice(4).trim();
    if (part === "") continue;
    if (part.length <= 4 && names.length > 0 && SUFFIX.test(part)) names[names.length - 1] += `, ${part}`;
    else if ((part[0] === "e" || part[0] === "E") && ET_AL.test(part)) continue;
    else names.push(part);
  }
  return names;
}
