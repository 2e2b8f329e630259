import { getSettings, type Settings } from "../config/settings.js";
import { HttpError } from "./http-error.js";
import { limiterFor, PERSONAL_RATE_LIMIT, type RateLimiter } from "./rate-limit.js";

/**
 * Which client sent a request. On Vercel the platform sets `x-forwarded-for` (replacing what
 * the client sent); the local server sets `x-real-ip` from the socket. Anything else (an
 * in-process call) shares one bucket.
 */
export function clientOf(request: Request, settings: Pick<Settings, "env">): string {
  const header = settings.env.VERCEL ? "x-forwarded-for" : "x-real-ip";
  return request.headers.get(header)?.split(",")[0]?.trim() || "unknown";
}

/** One limiter per settings (tests load new settings; a warm function keeps its own). */
const limiters = new WeakMap<Settings, RateLimiter>();

function limiter(settings: Settings): RateLimiter {
  let found = limiters.get(settings);
  if (!found) {
    found = limiterFor(settings, PERSONAL_RATE_LIMIT);
    limiters.set(settings, found);
  }
  return found;
}

/**
 * Counts a personal request whose body must be built (`cached`: a 304 or a body this instance
 * already has, which cost nothing and are not counted) against the client's limit; over it, a
 * 429 with Retry-After that says what happened.
 */
export async function limitPersonal(request: Request, cached: boolean): Promise<void> {
  if (cached) return;
  const settings = getSettings();
  const outcome = await limiter(settings).take(clientOf(request, settings));
  if (outcome.allowed) return;
  const { requests, windowSeconds } = PERSONAL_RATE_LIMIT;
  throw new HttpError(
    429,
    `too many personal feed requests from this client: at most ${requests} re-rankings per ${windowSeconds} s are built on demand; retry in ${outcome.retryAfterSeconds} s (repeating a query already answered, or a 304, does not count)`,
    { limit: requests, windowSeconds, retryAfterSeconds: outcome.retryAfterSeconds },
    { "retry-after": String(outcome.retryAfterSeconds) },
  );
}
