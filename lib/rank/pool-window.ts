import type { Config } from "../config/schema.js";
import type { FeedSnapshot, PoolSnapshot, RankedPaper } from "../model/snapshot.js";

/**
 * Most calendar days of pools a personal feed ranks: a week holds five announcements, about
 * 2.5 MB gzipped for a four-category `all` feed, well inside one 10 MB store response.
 */
export const MAX_POOL_DAYS = 7;

const DAY_MS = 86_400_000;

/** Calendar days of pools a feed keeps and a personal feed ranks: days_back, at most a week. */
export const poolDays = (config: Pick<Config, "days_back">): number =>
  Math.min(config.days_back, MAX_POOL_DAYS);

/**
 * The slot (0 … days-1) a day's pool is stored in. Slots cycle, so the store holds at most
 * `days` pools per feed with no cleanup, and a reader fetches every slot in one command without
 * knowing which days were announced; each pool says its own day, so stale ones are skipped.
 */
export function poolSlot(day: string, days: number): number {
  const epochDay = Math.floor(Date.parse(day) / DAY_MS);
  return ((epochDay % days) + days) % days;
}

/** Every slot of a feed's pools, in order. */
export const poolSlots = (days: number): number[] => Array.from({ length: days }, (_, i) => i);

/**
 * The papers a personal feed ranks: every pool within `days` calendar days of the newest
 * announcement (the feed's or a pool's), plus the feed's kept papers of that window. One entry
 * per arXiv id: the newest announcement's version, with a stored summary when the feed's entry
 * has one for that version. Pure; null when nothing is stored.
 */
export function poolWindow(
  feed: FeedSnapshot | null,
  pools: readonly (PoolSnapshot | null)[],
  days: number,
): FeedSnapshot | null {
  const stored = pools.filter((pool): pool is PoolSnapshot => pool?.announced !== undefined);
  const base = feed ?? stored[0];
  if (!base) return null;
  const newest = [feed?.announced, ...stored.map((pool) => pool.announced)]
    .filter((day): day is string => day !== undefined)
    .sort()
    .at(-1);
  const oldest = newest === undefined ? undefined : Date.parse(newest) - (days - 1) * DAY_MS;
  const inWindow = (day: string | undefined) =>
    oldest === undefined || (day !== undefined && Date.parse(day) >= oldest);

  const byId = new Map<string, RankedPaper>();
  // Oldest day first, so a later announcement (a replacement) wins.
  const ordered = stored
    .filter((pool) => inWindow(pool.announced))
    .sort((a, b) => ((a.announced ?? "") < (b.announced ?? "") ? -1 : 1));
  for (const pool of ordered) for (const paper of pool.papers) byId.set(paper.id, paper);
  for (const paper of feed?.papers ?? []) {
    if (!inWindow(paper.announced)) continue;
    const entry = byId.get(paper.id);
    if (!entry) byId.set(paper.id, paper);
    else if (paper.summary && !entry.summary && paper.version === entry.version)
      byId.set(paper.id, { ...entry, summary: paper.summary });
  }
  return { ...base, announced: newest, papers: [...byId.values()] };
}
