import type { Clock } from "../clock.js";
import type { Settings } from "../config/settings.js";
import { HttpError } from "../http/http-error.js";
import { clientOf } from "../http/personal-limit.js";
import { limiterFor, type RateLimiter, type RateOutcome, type RateRule } from "../http/rate-limit.js";

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

interface VoteLimiters {
  profile: RateLimiter;
  client: RateLimiter;
}

/** One pair per settings (tests load new settings; a warm function keeps its own). */
const limiters = new WeakMap<Settings, VoteLimiters>();

function limitersOf(settings: Settings, clock: Clock): VoteLimiters {
  let found = limiters.get(settings);
  if (!found) {
    found = {
      profile: limiterFor(settings, PROFILE_VOTE_LIMIT, clock),
      client: limiterFor(settings, CLIENT_VOTE_LIMIT, clock),
    };
    limiters.set(settings, found);
  }
  return found;
}

function refuse(outcome: RateOutcome, rule: RateRule, whose: string): void {
  if (outcome.allowed) return;
  const { retryAfterSeconds } = outcome;
  throw new HttpError(
    429,
    `too many votes ${whose}: at most ${rule.requests} votes, undos and removals per ${rule.windowSeconds} s; nothing was recorded; retry in ${retryAfterSeconds} s`,
    { limit: rule.requests, windowSeconds: rule.windowSeconds, retryAfterSeconds },
    { "retry-after": String(retryAfterSeconds) },
  );
}

/**
 * Counts one change of profile `name` against the client's limit and the profile's; over
 * either, a 429 with Retry-After that says so. Call it once the token has opened the profile (so
 * a forged link never spends a profile's allowance) and before anything else is read, locked or
 * written for the change.
 * `clock`: the deps' clock, on which in-memory windows run (Upstash's run on its own).
 */
export async function limitVotes(
  request: Request,
  settings: Settings,
  name: string,
  clock: Clock,
): Promise<void> {
  const { profile, client } = limitersOf(settings, clock);
  refuse(
    await client.take(`vote-client:${clientOf(request, settings)}`),
    CLIENT_VOTE_LIMIT,
    "from this address",
  );
  refuse(await profile.take(`vote-profile:${name}`), PROFILE_VOTE_LIMIT, `for profile ${name}`);
}
