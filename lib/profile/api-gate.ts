import { setTimeout as sleep } from "node:timers/promises";
import type { Clock } from "../clock.js";
import { readLockHolder } from "../store/lock-holder.js";
import type { Store } from "../store/types.js";
import { ARXIV_API_GATE } from "./profile-keys.js";

/** Longest hold after a 429/503, ms: a longer Retry-After still lets the gate open after this. */
const MAX_HOLD_MS = 10 * 60_000;
/** Hold after a 429/503 that names no Retry-After, ms. */
const DEFAULT_HOLD_MS = 30_000;
/** Least sleep between two tries of a gate that just changed hands, ms. */
const MIN_SLEEP_MS = 10;

/** Whether this caller may send its request now: `waited` says another request went meanwhile. */
export type GateOutcome = { open: true; token: string; waited: boolean } | { open: false; detail: string };

/** How the gate is kept: the least interval between requests and the deadline's clock. */
export interface GateOptions {
  /** `ARXIV_MIN_INTERVAL_MS`; 0 (tests) still honours a hold after a 429 or 503. */
  intervalMs: number;
  /** Machine clock, as the lock's `expiresAt` is written. */
  now: Clock;
}

/**
 * Takes the deployment-wide gate of arXiv's API: a store lock with a TTL of one interval that is
 * never released, so every instance together sends at most one request per interval. While it is
 * held, waits until the holder's lock expires, unless that is at or past `deadline` (machine ms):
 * then the gate stays closed and the caller reports its ids as pending.
 */
export async function takeApiGate(
  store: Store,
  options: GateOptions,
  deadline: number,
): Promise<GateOutcome> {
  const ttlSeconds = Math.max(1, options.intervalMs) / 1000;
  let waited = false;
  try {
    for (;;) {
      const token = await store.acquireLock(ARXIV_API_GATE, ttlSeconds);
      if (token) return { open: true, token, waited };
      const holder = await readLockHolder(store, ARXIV_API_GATE);
      // No holder: the lock expired between the two commands; try again at once.
      const freeAt = holder?.expiresAt ?? options.now();
      if (freeAt >= deadline) {
        return {
          open: false,
          detail: `arXiv's API is asked at most once every ${seconds(options.intervalMs)}`,
        };
      }
      await sleep(Math.max(MIN_SLEEP_MS, freeAt - options.now()));
      waited = true;
    }
  } catch (error) {
    return { open: false, detail: `the store could not hold the gate: ${(error as Error).name}` };
  }
}

/**
 * After a 429 or 503, keeps the gate closed for the whole deployment until `retryAfterMs` has
 * passed (30 s when arXiv names no time; at least one interval, at most ten minutes). Best
 * effort: a store error is ignored.
 */
export async function holdApiGate(
  store: Store,
  token: string,
  retryAfterMs: number | undefined,
  intervalMs: number,
): Promise<void> {
  const holdMs = Math.min(MAX_HOLD_MS, Math.max(1, intervalMs, retryAfterMs ?? DEFAULT_HOLD_MS));
  try {
    const renewed = await store.renewLock(ARXIV_API_GATE, token, holdMs / 1000);
    if (!renewed) await store.acquireLock(ARXIV_API_GATE, holdMs / 1000);
  } catch {
    // The next request then goes after one interval instead: arXiv answers it with another 429.
  }
}

const seconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`);
