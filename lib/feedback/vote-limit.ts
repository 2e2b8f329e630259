import type { Clock } from "../clock.js";
import type { Settings } from "../config/settings.js";
import { HttpError } from "../http/http-error.js";
import { clientOf } from "../http/personal-limit.js";
import { limiterFor, type RateLimiter, type RateOutcome, type RateRule } from "../http/rate-limit.js";
import { CLIENT_VOTE_LIMIT, PROFILE_VOTE_LIMIT } from "./vote-rules.js";

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
