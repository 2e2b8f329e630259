import { z } from "zod";
import { FeedFilterParamsSchema, limitParam, MAX_ITEM_LENGTH, type PersonalFilterName } from "./filters.js";
import { dateParam, textParam } from "./param-types.js";

export { type FeedFilterParams, FeedFilterParamsSchema, MAX_LIMIT } from "./filters.js";

/** Papers per API page when `limit` is not given. */
const DEFAULT_API_LIMIT = 50;

const { keywords, exclude, like, dislike, profile, authors, min_score, cross_lists } =
  FeedFilterParamsSchema.shape;

/**
 * `GET /api/papers`: every personal filter (the compiler checks none is missing), in the
 * document's order, between the API's own parameters.
 */
export const PapersParamsSchema = z.object({
  category: textParam(100)
    .optional()
    .describe("Feed: `all` (default) or a configured category such as cs.LG"),
  q: textParam(200)
    .optional()
    .describe("Words that must all occur in the title or abstract (case-insensitive substrings)"),
  author: textParam(MAX_ITEM_LENGTH)
    .optional()
    .describe("Keeps papers with an author whose name contains this (case and accents ignored)"),
  keywords,
  exclude,
  like,
  dislike,
  profile,
  authors,
  cross_lists,
  min_score,
  since: dateParam().optional().describe("Only papers announced on or after this date (YYYY-MM-DD)"),
  limit: limitParam().default(DEFAULT_API_LIMIT).describe(`Papers per page (default ${DEFAULT_API_LIMIT})`),
  cursor: textParam(200)
    .optional()
    .describe(
      "`nextCursor` of the previous page. A cursor from an older snapshot (the feed was refreshed since) is a 400: start again without it",
    ),
});
PapersParamsSchema.shape satisfies Record<PersonalFilterName, z.ZodType>;
export type PapersParams = z.output<typeof PapersParamsSchema>;

/** `GET /digest.md`: a feed, and a feedback profile that ranks it as it ranks the profile's feeds. */
export const DigestParamsSchema = z.object({
  category: textParam(100)
    .optional()
    .describe("Feed: `all` (default) or a configured category such as cs.LG"),
  profile,
});

/** `GET /feeds.opml`. */
export const OpmlParamsSchema = z.object({
  format: z
    .enum(["rss", "atom", "json"], { error: "must be rss, atom or json" })
    .default("rss")
    .describe("Which of each feed's documents the outlines point to"),
});
