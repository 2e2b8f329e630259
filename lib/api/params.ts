import { z } from "zod";
import { EMPTY_KEYWORD_RULE, isEmptyKeyword } from "../rank/keyword-matcher.js";
import { dateParam, flagParam, integerParam, listParam, numberParam, textParam } from "./param-types.js";

/** Most papers one personal feed or API page returns. */
export const MAX_LIMIT = 200;
/** Papers per API page when `limit` is not given. */
const DEFAULT_API_LIMIT = 50;
/** Most keywords, exclusions or authors one filter lists. */
const MAX_LIST_ITEMS = 20;
/** Longest keyword, exclusion or author name, characters. */
const MAX_ITEM_LENGTH = 100;

/** Personal feeds match in word mode, where a keyword of only hyphens and spaces is empty. */
const lookable = (text: z.ZodString) =>
  text.refine((keyword) => !isEmptyKeyword(keyword, "word"), {
    error: EMPTY_KEYWORD_RULE,
  });

const keywords = listParam("keyword", MAX_LIST_ITEMS, MAX_ITEM_LENGTH, lookable)
  .optional()
  .describe(
    "Comma-separated keywords that replace the configured ones (whole-word match, plural s allowed): moe,speculative decoding",
  );
const exclude = listParam("exclusion", MAX_LIST_ITEMS, MAX_ITEM_LENGTH, lookable)
  .optional()
  .describe(
    "Comma-separated keywords that drop a paper, added to the configured exclusions: survey,benchmark",
  );
const minScore = numberParam(0, 1000)
  .optional()
  .describe(
    "Least score a paper needs (+1 per keyword in title or abstract, +0.5 more in the title); default: the configured min_score, or 0 with your own keywords",
  );

const authors = listParam("author", MAX_LIST_ITEMS, MAX_ITEM_LENGTH)
  .optional()
  .describe(
    "Comma-separated author names; keeps papers with an author containing one (case and accents ignored)",
  );
const crossLists = flagParam()
  .optional()
  .describe(
    "1: include papers cross-listed into the category, 0: primary papers only (default: config.json include_cross_lists)",
  );

/**
 * What any feed URL accepts to become a personal feed (`/rss/cs.LG?keywords=moe&min_score=3`):
 * re-ranked from the stored pools of the feed's window, never fetched anew.
 */
export const FeedFilterParamsSchema = z.object({
  keywords,
  exclude,
  authors,
  min_score: minScore,
  limit: integerParam(1, MAX_LIMIT)
    .optional()
    .describe("Most papers in the feed (default: the configured feed size)"),
  cross_lists: crossLists,
});
export type FeedFilterParams = z.output<typeof FeedFilterParamsSchema>;

/** `GET /api/papers`. */
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
  authors,
  cross_lists: crossLists,
  min_score: minScore,
  since: dateParam().optional().describe("Only papers announced on or after this date (YYYY-MM-DD)"),
  limit: integerParam(1, MAX_LIMIT)
    .default(DEFAULT_API_LIMIT)
    .describe(`Papers per page (default ${DEFAULT_API_LIMIT})`),
  cursor: textParam(200)
    .optional()
    .describe(
      "`nextCursor` of the previous page. A cursor from an older snapshot (the feed was refreshed since) is a 400: start again without it",
    ),
});
export type PapersParams = z.output<typeof PapersParamsSchema>;

/** `GET /digest.md`. */
export const DigestParamsSchema = z.object({
  category: textParam(100)
    .optional()
    .describe("Feed: `all` (default) or a configured category such as cs.LG"),
});

/** `GET /feeds.opml`. */
export const OpmlParamsSchema = z.object({
  format: z
    .enum(["rss", "atom", "json"], { error: "must be rss, atom or json" })
    .default("rss")
    .describe("Which of each feed's documents the outlines point to"),
});
