/**
 * The one source of "now" for every calendar decision: which feed day arXiv serves, whether it
 * is a weekend, when the next announcement comes, how long a response may be cached, what a
 * run record is stamped with. Tests set it instead of depending on the machine's date; elapsed
 * time (timeouts, spacing, lock waits) stays on the machine's own clock.
 */
export type Clock = () => number;

/**
 * The machine's own time, for deadlines and durations (a summary budget, a retry's wait), which
 * are compared with timers and with the LLM client's clock: never for a calendar decision.
 */
export const machineNow: Clock = () => Date.now();

let current: Clock = machineNow;

/** Milliseconds since the epoch, as the configured clock tells it. */
export function now(): number {
  return current();
}

/** Replaces the clock (tests); `undefined` restores the machine's. */
export function setClock(clock: Clock | undefined): void {
  current = clock ?? machineNow;
}

/** A clock that reads `start` now and then runs at the machine's pace. */
export function clockStartingAt(start: number): Clock {
  const offset = start - Date.now();
  return () => Date.now() + offset;
}

/** A clock that always reads `instant` (ISO 8601 or epoch ms). */
export function fixedClock(instant: string | number): Clock {
  const time = typeof instant === "number" ? instant : Date.parse(instant);
  if (!Number.isFinite(time)) throw new Error(`fixedClock: not an instant: ${instant}`);
  return () => time;
}
