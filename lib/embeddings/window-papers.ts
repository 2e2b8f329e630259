import type { CategoryAnnouncement } from "../arxiv/fetch-announcements.js";
import type { Config } from "../config/schema.js";
import { latest } from "../model/latest.js";
import { ALL_FEED } from "../model/snapshot.js";
import { poolHead, poolPapers } from "../pools/codec.js";
import { DAY_MS } from "../pools/slots.js";
import { admits } from "../rank/feed-membership.js";
import { membershipRulesFrom } from "../rank/rules-from-config.js";
import { StoreDataError } from "../store/types.js";
import type { EmbeddablePaper } from "./embed-missing.js";

/** The papers of one announcement day. */
export type PapersByDay = Map<string, EmbeddablePaper[]>;

const dayBefore = (day: string, days: number) =>
  new Date(Date.parse(day) - days * DAY_MS).toISOString().slice(0, 10);

/** Adds `papers` to `day`'s list. */
function add(byDay: PapersByDay, day: string, papers: readonly EmbeddablePaper[]): void {
  const list = byDay.get(day) ?? [];
  list.push(...papers);
  byDay.set(day, list);
}

/**
 * The papers of a refresh's window by day, as the pools hold them (what personal feeds rank):
 * this run's announcements (each on its own day, else `fallbackDay`) that the combined feed's
 * pool admits (no replacements), and the stored pools of the combined feed, only the `days`
 * calendar days up to the newest. An unreadable pool is skipped.
 */
export function windowPapers(
  config: Config,
  announcements: Readonly<Record<string, CategoryAnnouncement>>,
  storedPools: readonly { key: string; value: unknown }[],
  fallbackDay: string,
  days: number,
): PapersByDay {
  const byDay: PapersByDay = new Map();
  // The pools' rule (build-feeds): the combined feed's membership, cross-lists always in.
  const pooled = { ...membershipRulesFrom(config), includeCrossLists: true };
  for (const announcement of Object.values(announcements)) {
    if (announcement.status !== "ok") continue;
    const papers = announcement.papers.filter((paper) => admits(ALL_FEED, paper, pooled));
    add(byDay, announcement.announced ?? fallbackDay, papers);
  }
  for (const { key, value } of storedPools) {
    if (value === null || value === undefined || value instanceof StoreDataError) continue;
    try {
      add(byDay, poolHead(key, value).announced, poolPapers(key, value));
    } catch (error) {
      if (!(error instanceof StoreDataError)) throw error;
    }
  }
  const newest = latest([...byDay.keys()]);
  if (newest === undefined) return byDay;
  const oldest = dayBefore(newest, days - 1);
  for (const day of [...byDay.keys()]) if (day < oldest) byDay.delete(day);
  return byDay;
}
