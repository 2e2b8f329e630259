import type { Redis } from "@upstash/redis";
import { type Clock, machineNow } from "../clock.js";
import type { Settings } from "../config/settings.js";

/**
 * The one rule for personal requests whose body must be built (no 304, nothing cached): per
 * client, a sliding window of `requests` per `windowSeconds`. The most costly allowed query takes
 * about 0.2 s of CPU, so one client holds at most about a fifth of a core; a reader polling
 * hourly, or a person trying filters in the builder, stays far below.
 */
export const PERSONAL_RATE_LIMIT = { requests: 60, windowSeconds: 60 } as const;

export type RateRule = { requests: number; windowSeconds: number };

/** What one check decided; `retryAfterSeconds` is when the window admits this client again. */
export type RateOutcome = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Counts one request of `client` against the rule. */
export interface RateLimiter {
  take(client: string): Promise<RateOutcome>;
}

/** Clients remembered in memory before windows that are over are swept. */
const MAX_TRACKED_CLIENTS = 10_000;

/**
 * The rule in memory (file, redis and memory stores: one process serves everyone): Upstash's
 * sliding window (the previous fixed window's count weighted by how much of it still overlaps,
 * plus the current one's), so the limit is the same whichever store runs. `clock`: elapsed ms.
 */
export function memoryLimiter(rule: RateRule, clock: () => number = Date.now): RateLimiter {
  const windowMs = rule.windowSeconds * 1000;
  const counts = new Map<string, { window: number; current: number; previous: number }>();
  const sweep = (window: number) => {
    for (const [client, entry] of counts) if (entry.window < window - 1) counts.delete(client);
  };
  return {
    async take(client) {
      const time = clock();
      const window = Math.floor(time / windowMs);
      if (counts.size >= MAX_TRACKED_CLIENTS) sweep(window);
      const old = counts.get(client);
      const entry =
        old?.window === window
          ? old
          : { window, current: 0, previous: old?.window === window - 1 ? old.current : 0 };
      counts.set(client, entry);
      const overlap = 1 - (time % windowMs) / windowMs;
      if (Math.floor(entry.previous * overlap) + entry.current >= rule.requests) {
        return {
          allowed: false,
          retryAfterSeconds: Math.max(1, Math.ceil(((window + 1) * windowMs - time) / 1000)),
        };
      }
      entry.current++;
      return { allowed: true };
    },
  };
}

/** Ms an Upstash check may take before the request is let through (fail open, like the SDK). */
const UPSTASH_TIMEOUT_MS = 1000;

/** What `@upstash/ratelimit` needs of a client: its scripts' two commands. */
export type RateLimitRedis = Pick<Redis, "evalsha" | "eval">;

/**
 * The rule on Upstash (`@upstash/ratelimit`'s sliding window, one script per check), shared by
 * every function instance; `connect` is called on the first check. `prefix` keeps its keys
 * beside the store's.
 */
export function upstashLimiter(
  connect: () => Promise<RateLimitRedis>,
  rule: RateRule,
  prefix: string,
): RateLimiter {
  let limiter: Promise<{ limit(id: string): Promise<{ success: boolean; reset: number }> }> | undefined;
  return {
    async take(client) {
      limiter ??= Promise.all([import("@upstash/ratelimit"), connect()]).then(
        ([{ Ratelimit }, redis]) =>
          new Ratelimit({
            redis: redis as Redis,
            limiter: Ratelimit.slidingWindow(rule.requests, `${rule.windowSeconds} s`),
            prefix: `${prefix}ratelimit`,
            analytics: false,
            timeout: UPSTASH_TIMEOUT_MS,
          }),
      );
      let result: { success: boolean; reset: number };
      try {
        result = await (await limiter).limit(client);
      } catch (error) {
        // Like the SDK's timeout: a limiter outage must not turn personal feeds into errors.
        console.error(
          `rate limit unavailable, request let through: ${error instanceof Error ? error.message : error}`,
        );
        return { allowed: true };
      }
      if (result.success) return { allowed: true };
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((result.reset - Date.now()) / 1000)),
      };
    },
  };
}

/**
 * The limiter the settings call for: Upstash's when the store is Upstash (its windows run on
 * Upstash's clock), else in memory, its windows on `clock` (handlers pass their deps' `now`, so
 * a test that sets it knows where a minute starts).
 */
export function limiterFor(
  settings: Pick<Settings, "store" | "keyPrefix">,
  rule: RateRule,
  clock: Clock = machineNow,
): RateLimiter {
  const { store } = settings;
  if (store.driver !== "upstash") return memoryLimiter(rule, clock);
  const connect = () =>
    import("@upstash/redis").then(({ Redis }) => new Redis({ url: store.url, token: store.token }));
  return upstashLimiter(connect, rule, settings.keyPrefix);
}
