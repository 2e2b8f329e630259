import type { Clock } from "../clock.js";
import type { Settings } from "../config/settings.js";
import { forwardedEntries } from "./forwarded.js";
import { HttpError } from "./http-error.js";
import { limiterFor, PERSONAL_RATE_LIMIT, type RateLimiter } from "./rate-limit.js";
import type { ReadDeps } from "./read-deps.js";

/**
 * Which client sent a request, from what only a trusted hop can have written: on Vercel the
 * first `x-forwarded-for` entry (its edge replaces the header); behind a proxy declared with
 * `TRUST_PROXY=1` the last entry (the address that proxy saw; earlier ones are the client's own
 * word); else `x-real-ip`, which the local server sets from the socket. An in-process call with
 * none of them shares one bucket.
 */
export function clientOf(
  request: Request,
  settings: { env: Pick<Settings["env"], "VERCEL" | "TRUST_PROXY"> },
): string {
  const { env } = settings;
  const forwarded = forwardedEntries(request, "x-forwarded-for");
  const client = env.VERCEL
    ? forwarded[0]
    : env.TRUST_PROXY === "1"
      ? forwarded.at(-1)
      : request.headers.get("x-real-ip")?.trim();
  return client || "unknown";
}

/** One limiter per settings (tests load new settings; a warm function keeps its own). */
const limiters = new WeakMap<Settings, RateLimiter>();

function limiter(settings: Settings, clock: Clock): RateLimiter {
  let found = limiters.get(settings);
  if (!found) {
    found = limiterFor(settings, PERSONAL_RATE_LIMIT, clock);
    limiters.set(settings, found);
  }
  return found;
}

/**
 * Counts a personal request whose body must be built (`cached`: a 304 or a body this instance
 * already has, which cost nothing and are not counted) against the client's limit under
 * `deps.settings` (its store picks the limiter; in memory its windows run on `deps.now`); over it, a 429 with Retry-After that says what happened.
 */
export async function limitPersonal(
  request: Request,
  deps: Pick<ReadDeps, "settings" | "now">,
  cached: boolean,
): Promise<void> {
  if (cached) return;
  const { settings } = deps;
  const outcome = await limiter(settings, deps.now).take(clientOf(request, settings));
  if (outcome.allowed) return;
  const { requests, windowSeconds } = PERSONAL_RATE_LIMIT;
  throw new HttpError(
    429,
    `too many personal feed requests from this client: at most ${requests} re-rankings or searches of the stored window (personal filters, q=) per ${windowSeconds} s are built on demand; retry in ${outcome.retryAfterSeconds} s (repeating a query already answered, or a 304, does not count)`,
    { limit: requests, windowSeconds, retryAfterSeconds: outcome.retryAfterSeconds },
    { "retry-after": String(outcome.retryAfterSeconds) },
  );
}
