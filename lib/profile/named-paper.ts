import { z } from "zod";
import { FIELD_LIMITS } from "../arxiv/field-limits.js";

/** Longest category kept, characters (arXiv's are under 20; the parser leaves them uncut). */
const MAX_CATEGORY = 40;

/**
 * A paper a reader named, as much of it as similarity needs and as it is cached (for the
 * summary TTL): id, the version that was read, title, abstract, authors, categories (primary
 * first) and the announcement (API: submission) date. Limits are the parser's, so a cached value
 * that passes them is one this service wrote.
 */
export const NamedPaperSchema = z.object({
  /** Canonical id without version: `2601.20273`, `hep-ex/0101001`. */
  id: z.string().min(1).max(40),
  version: z.number().int().positive(),
  title: z.string().max(FIELD_LIMITS.title),
  abstract: z.string().max(FIELD_LIMITS.abstract),
  authors: z.array(z.string().max(FIELD_LIMITS.authorName)).max(FIELD_LIMITS.authors + 1),
  categories: z.array(z.string().max(MAX_CATEGORY)).max(FIELD_LIMITS.categories),
  /** `YYYY-MM-DD`, US Eastern. */
  announced: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
export type NamedPaper = z.infer<typeof NamedPaperSchema>;

/**
 * The named-paper fields of a parsed or stored paper (the window's ranked papers, the API's), so
 * nothing else (scores, summaries) is carried along or cached, and what is cached reads back.
 */
export function toNamedPaper(paper: NamedPaper): NamedPaper {
  return {
    id: paper.id,
    version: paper.version,
    title: paper.title,
    abstract: paper.abstract,
    authors: paper.authors,
    categories: paper.categories.filter((category) => category.length <= MAX_CATEGORY),
    announced: paper.announced,
  };
}
