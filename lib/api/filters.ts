import { z } from "zod";
import { profileTokenParam } from "../feedback/profile-token-param.js";
import { formatProfileId, type ProfileId } from "../profile/profile-id.js";
import { MAX_PROFILE_IDS, profileIdsParam } from "../profile/profile-ids-param.js";
import { EMPTY_KEYWORD_RULE, isEmptyKeyword } from "../rank/keyword-matcher.js";
import { flagParam, integerParam, listParam, numberParam } from "./param-types.js";

/**
 * The personal-feed filters, defined once: each one's parameter rules (limits, description), how
 * it reads in a feed's title, and whether it re-ranks the pool. The query schema, the canonical
 * URL (and so the ETag), the cursor key, the OpenAPI parameters and the page's builder (through
 * `GET /api/filters`) all derive from this table.
 */

/** Most papers one personal feed or API page returns. */
export const MAX_LIMIT = 200;
/** Most keywords, exclusions or authors one filter lists. */
const MAX_LIST_ITEMS = 20;
/** Longest keyword, exclusion or author name, characters. */
export const MAX_ITEM_LENGTH = 100;

/** Personal feeds match in word mode, where a keyword of only hyphens and spaces is empty. */
const lookable = (text: z.ZodString) =>
  text.refine((keyword) => !isEmptyKeyword(keyword, "word"), {
    error: EMPTY_KEYWORD_RULE,
  });

/** `papers` from 1 to MAX_LIMIT: a feed's size or an API page's. */
export const limitParam = () => integerParam(1, MAX_LIMIT);

/** Ids a feed title names before it counts the rest: `like 2601.20273, 2601.20274 and 5 more`. */
const TITLE_IDS = 2;

/** Named papers in a feed's title. */
function namedPapers(verb: string, ids: readonly ProfileId[]): string {
  const shown = ids.slice(0, TITLE_IDS).map(formatProfileId).join(", ");
  return ids.length > TITLE_IDS ? `${verb} ${shown} and ${ids.length - TITLE_IDS} more` : `${verb} ${shown}`;
}

/** `like=` / `dislike=`, with a description of what the list does. */
const profileParam = (description: string) =>
  profileIdsParam().describe(
    `${description}. Comma-separated arXiv ids or abs/pdf links, at most ${MAX_PROFILE_IDS}: 2601.20273,hep-ex/0101001v2`,
  );

/**
 * One filter: `schema` parses its query value; `title` says a parsed value in words
 * (`min score 3`); `personal`: true when it turns the feed into a re-ranking of the pool.
 */
function filter<S extends z.ZodType, P extends boolean = true>(
  schema: S,
  title: (value: NonNullable<z.output<S>>) => string,
  personal: P = true as P,
) {
  return { schema: schema.optional(), title, personal };
}

/** In the order of the canonical query string (`keywords=…&exclude=…`). */
export const FILTERS = {
  keywords: filter(
    listParam("keyword", MAX_LIST_ITEMS, MAX_ITEM_LENGTH, lookable).describe(
      "Comma-separated keywords that replace the configured ones (whole-word match, plural s allowed): moe,speculative decoding",
    ),
    (value) => `keywords ${value.join(", ")}`,
  ),
  exclude: filter(
    listParam("exclusion", MAX_LIST_ITEMS, MAX_ITEM_LENGTH, lookable).describe(
      "Comma-separated keywords that drop a paper, added to the configured exclusions: survey,benchmark",
    ),
    (value) => `excluding ${value.join(", ")}`,
  ),
  like: filter(
    profileParam(
      "Papers to rank like: each paper's similarity to them (title and abstract) is added to its keyword score, and each says which liked paper it is close to. Without keywords=, these replace the configured keywords and min_score defaults to 0; with keywords=, both count. Papers not stored here are looked up on arXiv once; ids not resolved yet are named in the feed's notice and the API's `missing`",
    ),
    (value) => namedPapers("like", value),
  ),
  dislike: filter(
    profileParam(
      "Papers to rank unlike: papers close to them lose points. Alone (without keywords= or like=) it re-ranks the papers of the configured keywords",
    ),
    (value) => namedPapers("unlike", value),
  ),
  profile: filter(
    profileTokenParam().describe(
      "A feedback profile's token, as its feed URLs carry it: its votes (More like this / Less like this) join like= and dislike=, recent votes counting more, and each item carries its vote links. A token this deployment did not issue is a 403",
    ),
    () => "your profile",
  ),
  authors: filter(
    listParam("author", MAX_LIST_ITEMS, MAX_ITEM_LENGTH).describe(
      "Comma-separated author names; keeps papers with an author containing one (case and accents ignored)",
    ),
    (value) => `authors ${value.join(", ")}`,
  ),
  min_score: filter(
    numberParam(0, 1000).describe(
      "Least score a paper needs (+1 per keyword in title or abstract, +0.5 more in the title); default: the configured min_score, or 0 with your own keywords",
    ),
    (value) => `min score ${value}`,
  ),
  // Only shortens the feed: not personal.
  limit: filter(
    limitParam().describe("Most papers in the feed (default: the configured feed size)"),
    (value) => `top ${value}`,
    false,
  ),
  cross_lists: filter(
    flagParam().describe(
      "1: include papers cross-listed into the category, 0: primary papers only (default: config.json include_cross_lists)",
    ),
    (value) => (value ? "with cross-lists" : "without cross-lists"),
  ),
};

export type FilterName = keyof typeof FILTERS;
type FilterShape = { [K in FilterName]: (typeof FILTERS)[K]["schema"] };

const shape = Object.fromEntries(
  Object.entries(FILTERS).map(([name, definition]) => [name, definition.schema]),
) as FilterShape;

/**
 * What any feed URL accepts to become a personal feed (`/rss/cs.LG?keywords=moe&min_score=3`):
 * re-ranked from the stored pools of the feed's window, never fetched anew.
 */
export const FeedFilterParamsSchema = z.object(shape);
export type FeedFilterParams = z.output<typeof FeedFilterParamsSchema>;

/** Every filter's name, in canonical order. */
export const FILTER_NAMES = Object.keys(FILTERS) as FilterName[];
/** The filters that make a feed personal (all but `limit`). */
export type PersonalFilterName = {
  [K in FilterName]: (typeof FILTERS)[K]["personal"] extends true ? K : never;
}[FilterName];
export const PERSONAL_FILTER_NAMES = FILTER_NAMES.filter(
  (name): name is PersonalFilterName => FILTERS[name].personal,
);
