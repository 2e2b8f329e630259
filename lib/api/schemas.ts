import { z } from "zod";
import { AnnounceTypeSchema, KeywordMatchSchema } from "../model/paper.js";
import { SummarySchema } from "../model/summary.js";

/** A paper as the JSON API returns it. */
export const ApiPaperSchema = z.object({
  id: z.string().describe("arXiv id without version"),
  version: z.number().int(),
  title: z.string(),
  authors: z.array(z.string()),
  abstract: z.string(),
  categories: z.array(z.string()).describe("primary first"),
  primaryCategory: z.string(),
  announceType: AnnounceTypeSchema,
  announced: z.string().describe("announcement date, YYYY-MM-DD"),
  links: z.object({ abs: z.string(), pdf: z.string(), html: z.string() }),
  license: z.string().nullable(),
  doi: z.string().nullable(),
  comment: z.string().nullable(),
  score: z.number(),
  matchedKeywords: z.array(KeywordMatchSchema),
  summary: SummarySchema.nullable().describe("structured summary; `html` is sanitised, `text` is plain"),
  summaryModel: z.string().nullable(),
});
export type ApiPaper = z.infer<typeof ApiPaperSchema>;

/** `GET /api/papers`. */
export const PapersResponseSchema = z.object({
  feed: z.string(),
  version: z.string().nullable(),
  generatedAt: z.string().nullable(),
  total: z.number().int().describe("papers matching the query"),
  count: z.number().int(),
  nextCursor: z.string().nullable(),
  papers: z.array(ApiPaperSchema),
});
export type PapersResponse = z.infer<typeof PapersResponseSchema>;

/** One feed of the deployment, `GET /api/categories`. */
export const FeedInfoSchema = z.object({
  name: z.string().describe("`all` or a category such as cs.LG"),
  title: z.string(),
  count: z.number().int(),
  announced: z.string().nullable(),
  urls: z.object({ rss: z.string(), atom: z.string(), json: z.string(), api: z.string() }),
});
export const CategoriesResponseSchema = z.object({ feeds: z.array(FeedInfoSchema) });
export type CategoriesResponse = z.infer<typeof CategoriesResponseSchema>;
