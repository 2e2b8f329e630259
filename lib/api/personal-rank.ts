import type { Config } from "../config/schema.js";
import type { RankedPaper } from "../model/snapshot.js";
import { admits } from "../rank/feed-membership.js";
import { type RankRules, rankPapers } from "../rank/rank-papers.js";
import { membershipRulesFrom, rankRulesFrom } from "../rank/rules-from-config.js";
import { authorMatcher } from "./author-match.js";
import { type FeedFilterParams, PERSONAL_FILTER_NAMES, type PersonalFilterName } from "./filters.js";

/** The filter parameters that turn a feed into a personal one (`limit` alone only shortens it). */
export type PersonalFilter = Partial<Pick<FeedFilterParams, PersonalFilterName>>;

/** True when `filter` asks for a re-ranking from the pool rather than the published feed. */
export function isPersonal(filter: PersonalFilter): boolean {
  return PERSONAL_FILTER_NAMES.some((name) => filter[name] !== undefined);
}

/**
 * The ranking rules of a personal filter: its keywords replace the configured ones, its
 * exclusions add to them; its minimum score, else the configured one (which is tuned to the
 * configured keywords, so with the filter's own keywords any match counts); whole-word matching
 * and the configured deduplication; at most `maxPapers`.
 */
export function personalRules(config: Config, filter: PersonalFilter, maxPapers: number): RankRules {
  return {
    keywords: filter.keywords ?? config.keywords,
    exclude: [...config.exclude_keywords, ...(filter.exclude ?? [])],
    mode: "word",
    minScore: filter.min_score ?? (filter.keywords ? 0 : config.min_score),
    maxPapers,
    dedupe: rankRulesFrom(config).dedupe,
  };
}

/**
 * The pool papers a personal filter may rank: cross-lists only when `cross_lists` (default:
 * config.json's include_cross_lists) allows them, and only papers by one of `authors` when given.
 */
function personalCandidates(
  pool: readonly RankedPaper[],
  name: string,
  config: Config,
  filter: PersonalFilter,
): RankedPaper[] {
  // The pool was admitted with cross-lists; the feeds' own membership rule narrows it.
  const membership = {
    ...membershipRulesFrom(config),
    includeCrossLists: filter.cross_lists ?? config.include_cross_lists,
  };
  const byAuthor = filter.authors === undefined ? undefined : authorMatcher(filter.authors);
  return pool.filter(
    (paper) => admits(name, paper, membership) && (byAuthor === undefined || byAuthor(paper.authors)),
  );
}

/** A personal feed: the pool of feed `name` filtered and re-ranked, best first. Pure. */
export function rankPersonal(
  pool: readonly RankedPaper[],
  name: string,
  config: Config,
  filter: PersonalFilter,
  maxPapers: number,
): RankedPaper[] {
  return rankPapers(
    personalCandidates(pool, name, config, filter),
    personalRules(config, filter, maxPapers),
    {
      reuse: true,
    },
  );
}
