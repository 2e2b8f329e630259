import type { Config } from "../config/schema.js";
import { poolKey } from "../store/keys.js";

/**
 * Most calendar days of pools a personal feed ranks: a week holds five announcements, about
 * 2.5 MB gzipped for a four-category `all` feed, well inside one 10 MB store response.
 */
export const MAX_POOL_DAYS = 7;

export const DAY_MS = 86_400_000;

/** Calendar days of pools a feed keeps and a personal feed ranks: days_back, at most a week. */
export const poolDays = (config: Pick<Config, "days_back">): number =>
  Math.min(config.days_back, MAX_POOL_DAYS);

/**
 * How long a pool is kept, seconds: its window plus a long weekend, as the window is counted
 * back from the newest announcement, which on a Monday morning is Friday's.
 */
export const poolTtlSeconds = (days: number): number => (days + 4) * 86_400;

/**
 * The slot (0 … days-1) a day's pool is stored in. Slots cycle, so the store holds at most
 * `days` pools per feed with no cleanup, and a reader fetches every slot in one command without
 * knowing which days were announced; each pool says its own day, so stale ones are skipped.
 */
export function poolSlot(day: string, days: number): number {
  const epochDay = Math.floor(Date.parse(day) / DAY_MS);
  return ((epochDay % days) + days) % days;
}

/** The key feed `name`'s pool of `day` (`YYYY-MM-DD`) is written to. */
export const dayPoolKey = (name: string, day: string, days: number): string =>
  poolKey(name, poolSlot(day, days));

/** The keys of every slot of feed `name`'s pools, in slot order. */
export const poolKeys = (name: string, days: number): string[] =>
  Array.from({ length: days }, (_, slot) => poolKey(name, slot));
