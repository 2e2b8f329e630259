import type { RateRule } from "../http/rate-limit.js";

/**
 * Changes one profile takes (votes, undos, removals): a person pressing buttons while reading
 * stays far below; a script replaying a signed link is stopped before it takes the profile's
 * lock and write. Every store's limiter runs it (in memory, or on Upstash for every instance).
 */
export const PROFILE_VOTE_LIMIT: RateRule = { requests: 30, windowSeconds: 60 };

/**
 * Changes one client address makes, across profiles: a lab behind one address voting in several
 * profiles at once stays below. Only a trusted hop's address counts (see `clientOf`).
 */
export const CLIENT_VOTE_LIMIT: RateRule = { requests: 60, windowSeconds: 60 };
