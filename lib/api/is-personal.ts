import { type FeedFilterParams, PERSONAL_FILTER_NAMES, type PersonalFilterName } from "./filters.js";

/** The filter parameters that turn a feed into a personal one (`limit` alone only shortens it). */
export type PersonalFilter = Partial<Pick<FeedFilterParams, PersonalFilterName>>;

/**
 * True when `filter` asks for a re-ranking from the pool rather than the published feed. Apart
 * from the ranking (lib/api/personal-rank.ts) so a plain feed request decides it without loading it.
 */
export function isPersonal(filter: PersonalFilter): boolean {
  return PERSONAL_FILTER_NAMES.some((name) => filter[name] !== undefined);
}
