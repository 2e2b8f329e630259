/**
 * Metadata as pseudo-terms for bench/relevance-methods.ts's "categories" rows: measured, not
 * adopted (on hand topics it gained 0.01 P@20 at most, on two seeds; on the category labelling it
 * is circular, as that labelling is the primary category itself).
 */
import { FIELD_LIMITS } from "../lib/arxiv/field-limits.js";
import { MAX_TERM_LENGTH } from "../lib/rank/similarity/terms.js";

/** The metadata a paper carries beside its text. */
export interface PaperMetadata {
  /** arXiv categories, primary first. */
  categories?: readonly string[];
  authors?: readonly string[];
}

/** How much a cross-list category counts against the primary one: the authors chose the primary first. */
const CROSS_LIST_SHARE = 0.5;

/** Most authors whose names become terms: a 1,000-author collaboration says little through any one of them. */
const MAX_AUTHOR_TERMS = 20;

/** An author's name folded (case, accents, punctuation, spacing), so two listings of one name meet. */
function authorKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .slice(0, MAX_TERM_LENGTH);
}

/**
 * A paper's metadata as pseudo-terms and their shares (term → share, 0–1]: `cat:<category>`,
 * the primary 1 and each cross-list CROSS_LIST_SHARE, and `au:<folded name>` 1 for each of the
 * first MAX_AUTHOR_TERMS authors. A `:` never occurs in a text term, so these never meet one.
 */
export function metadataTerms(paper: PaperMetadata): Map<string, number> {
  const terms = new Map<string, number>();
  (paper.categories ?? []).slice(0, FIELD_LIMITS.categories).forEach((category, at) => {
    const term = `cat:${category.toLowerCase().slice(0, MAX_TERM_LENGTH)}`;
    if (!terms.has(term)) terms.set(term, at === 0 ? 1 : CROSS_LIST_SHARE);
  });
  for (const name of (paper.authors ?? []).slice(0, MAX_AUTHOR_TERMS)) {
    const key = authorKey(name);
    if (key) terms.set(`au:${key}`, 1);
  }
  return terms;
}
