import { z } from "zod";

/** How arXiv announced a paper in a feed: a new submission, a cross-list, or a replacement. */
export const AnnounceTypeSchema = z.enum(["new", "cross", "replace", "replace-cross"]);
export type AnnounceType = z.infer<typeof AnnounceTypeSchema>;

/** One paper as parsed from an arXiv feed: metadata only, no ranking. */
export const PaperSchema = z.object({
  /** arXiv id without version: `2604.21952`, or old-style `hep-ex/0101001`. */
  id: z.string().min(1),
  /** Version number (the `N` of `vN`); 1 when the source does not say. */
  version: z.number().int().positive(),
  /** Title with whitespace folded to single spaces. */
  title: z.string(),
  authors: z.array(z.string()),
  abstract: z.string(),
  announceType: AnnounceTypeSchema,
  /** All categories, primary first. */
  categories: z.array(z.string()).min(1),
  primaryCategory: z.string(),
  /** Announcement date, `YYYY-MM-DD` (arXiv's own date, US Eastern). */
  announced: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  links: z.object({ abs: z.string(), pdf: z.string(), html: z.string() }),
  license: z.string().optional(),
  doi: z.string().optional(),
  comment: z.string().optional(),
  journalRef: z.string().optional(),
});
export type Paper = z.infer<typeof PaperSchema>;

/** Where a keyword matched a paper. */
export const KeywordMatchSchema = z.object({
  keyword: z.string(),
  inTitle: z.boolean(),
  inAbstract: z.boolean(),
});
export type KeywordMatch = z.infer<typeof KeywordMatchSchema>;
