import type { Config } from "../config/schema.js";
import type { ProfileExamples, WeightedExample } from "../feedback/profile-examples.js";
import type { RankedPaper } from "../model/snapshot.js";
import { type ProfileId, parseProfileId } from "../profile/profile-id.js";
import type { ProfileLists } from "../profile/resolve-profile-lists.js";
import { admits } from "../rank/feed-membership.js";
import { type RankRules, rankPapers } from "../rank/rank-papers.js";
import { membershipRulesFrom, rankRulesFrom } from "../rank/rules-from-config.js";
import { MAX_EXAMPLES } from "../rank/similarity/profile-rank.js";
import { NO_PROFILE, type Profile, rankWithProfile } from "../rank/similarity/rank-with-profile.js";
import { authorMatcher } from "./author-match.js";
import type { PersonalFilter } from "./is-personal.js";

export { isPersonal, type PersonalFilter } from "./is-personal.js";

/** True when the filter says what the reader wants in its own terms: keywords, or papers to rank like. */
const ownInterest = (filter: PersonalFilter) => filter.keywords !== undefined || filter.like !== undefined;

/**
 * The ranking rules of a personal filter: its keywords replace the configured ones (and so do
 * its liked papers: `like=` without `keywords=` ranks by similarity alone), its exclusions add to
 * them; its minimum score, else the configured one (which is tuned to the configured keywords,
 * so with the reader's own keywords or likes anything that matches counts); whole-word matching
 * and the configured deduplication; at most `maxPapers`.
 */
export function personalRules(config: Config, filter: PersonalFilter, maxPapers: number): RankRules {
  return {
    keywords: filter.keywords ?? (filter.like ? [] : config.keywords),
    exclude: [...config.exclude_keywords, ...(filter.exclude ?? [])],
    mode: "word",
    minScore: filter.min_score ?? (ownInterest(filter) ? 0 : config.min_score),
    maxPapers,
    dedupe: rankRulesFrom(config).dedupe,
  };
}

const configuredIds = (texts: readonly string[] = []): ProfileId[] =>
  texts.flatMap((text) => parseProfileId(text) ?? []);

/**
 * The papers named by the filter or config.json, without votes: the filter's `like` and
 * `dislike` when it has either (they replace config.json's `profile` as a whole); none with the
 * filter's own `keywords` alone (ranked exactly as before profiles existed); else config.json's
 * `profile`, as the published feeds are.
 */
function namedLists(filter: PersonalFilter, config: Config): ProfileLists | undefined {
  if (filter.like || filter.dislike) return { like: filter.like ?? [], dislike: filter.dislike ?? [] };
  if (filter.keywords) return undefined;
  const lists = {
    like: configuredIds(config.profile?.like),
    dislike: configuredIds(config.profile?.dislike),
  };
  return lists.like.length || lists.dislike.length ? lists : undefined;
}

/** A feedback profile's votes as `personalProfileLists` takes them. */
export interface VoteExamples {
  examples: ProfileExamples;
  votesTag: string;
}

/**
 * `named` and then `voted` ids (heaviest first), each once, at most MAX_EXAMPLES: the most
 * recent votes stay when a profile holds more (the ranking's per-candidate work grows with them).
 */
function mergeIds(
  named: readonly ProfileId[],
  voted: readonly WeightedExample[],
  taken: Set<string>,
): ProfileId[] {
  const merged: ProfileId[] = [];
  for (const paper of [...named, ...voted.map(({ id }) => ({ id }))]) {
    if (merged.length >= MAX_EXAMPLES || taken.has(paper.id)) continue;
    taken.add(paper.id);
    merged.push(paper);
  }
  return merged;
}

/**
 * The papers a personal feed is ranked like and unlike, or undefined for none: those the filter
 * or config.json names (see `namedLists`), and a feedback profile's votes after them (an id
 * named explicitly keeps its list and weight 1; a vote weighs as `profileExamples` says).
 */
export function personalProfileLists(
  filter: PersonalFilter,
  config: Config,
  votes?: VoteExamples,
): ProfileLists | undefined {
  const named = namedLists(filter, config);
  if (!votes) return named;
  const taken = new Set<string>();
  const like = mergeIds(named?.like ?? [], votes.examples.like, taken);
  const dislike = mergeIds(named?.dislike ?? [], votes.examples.dislike, taken);
  if (!like.length && !dislike.length) return undefined;
  const explicit = new Set([...(named?.like ?? []), ...(named?.dislike ?? [])].map((paper) => paper.id));
  const weights = new Map<string, number>();
  for (const { id, weight } of [...votes.examples.like, ...votes.examples.dislike])
    if (!explicit.has(id)) weights.set(id, weight);
  return { like, dislike, weights, votesTag: votes.votesTag };
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

/**
 * A personal feed: the pool of feed `name` filtered and re-ranked, best first; with a `profile`
 * (the resolved papers of `personalProfileLists`) by `rankWithProfile`, each paper's similarity
 * added to its keyword score and the named papers themselves left out. Pure.
 */
export function rankPersonal(
  pool: readonly RankedPaper[],
  name: string,
  config: Config,
  filter: PersonalFilter,
  maxPapers: number,
  profile: Profile = NO_PROFILE,
): RankedPaper[] {
  const candidates = personalCandidates(pool, name, config, filter);
  const rules = personalRules(config, filter, maxPapers);
  if (profile.likes.length === 0 && profile.dislikes.length === 0)
    return rankPapers(candidates, rules, { reuse: true });
  return rankWithProfile(candidates, rules, profile, { reuse: true });
}
