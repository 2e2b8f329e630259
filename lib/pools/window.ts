import { createHash } from "node:crypto";
import { latest } from "../model/latest.js";
import { mergeById } from "../model/merge-by-id.js";
import type { FeedSnapshot, RankedPaper, SnapshotHead } from "../model/snapshot.js";
import type { PoolHead } from "./codec.js";
import { DAY_MS } from "./slots.js";

/** Which stored pools a personal feed ranks, and the identity of what it ranks. */
export interface WindowPlan<P extends { head: PoolHead }> {
  /**
   * The window as a snapshot head: `version` is the feed's plus a digest of its pools' versions
   * (it changes when the feed or any pool of the window does), `generatedAt` the newest time,
   * `announced` the newest announcement (the window's last day).
   */
  head: SnapshotHead;
  /** The pools inside the window, in the order given. */
  pools: P[];
  /** Announcement days before this one are outside the window. */
  oldestDay: string | undefined;
}

const dayOf = (time: number) => new Date(time).toISOString().slice(0, 10);

/**
 * Which pools are within `days` calendar days of the newest announcement (the feed's or a
 * pool's), and a version for the whole window. Reads only heads, so a 304 needs no unzipping.
 * Null when nothing is stored. Pure.
 */
export function planWindow<P extends { head: PoolHead }>(
  feed: SnapshotHead | null,
  pools: readonly P[],
  days: number,
): WindowPlan<P> | null {
  const heads = [...(feed ? [feed] : []), ...pools.map((pool) => pool.head)];
  if (heads.length === 0) return null;
  const newest = latest(heads.map((head) => head.announced));
  const oldestDay = newest === undefined ? undefined : dayOf(Date.parse(newest) - (days - 1) * DAY_MS);
  const taken = pools.filter(({ head }) => oldestDay === undefined || head.announced >= oldestDay);
  const poolVersions = taken.map(({ head }) => `${head.announced}=${head.version}`);
  const digest = createHash("sha256").update(poolVersions.sort().join("\n")).digest("hex").slice(0, 12);
  return {
    head: {
      version: `${feed?.version ?? "none"}.${digest}`,
      generatedAt: latest(heads.map((head) => head.generatedAt)) ?? "",
      name: feed?.name ?? taken[0]?.head.name ?? "",
      announced: newest,
    },
    pools: taken,
    oldestDay,
  };
}

/** A pool's day and its papers, unzipped. */
export interface DayPapers {
  announced: string;
  papers: readonly RankedPaper[];
}

/**
 * The papers of a window: its pools, oldest day first, and the feed's kept papers of the window.
 * One entry per arXiv id: a paper keeps its first announcement unless a later day brings a newer
 * version (a cross-list the day after must not turn a primary paper into a cross-list); the
 * feed's summary is used whenever it is for the same version (it is the current model's). Pure.
 */
export function mergeWindow(
  feed: FeedSnapshot | null,
  pools: readonly DayPapers[],
  oldestDay: string | undefined,
): RankedPaper[] {
  const ordered = [...pools].sort((a, b) => (a.announced < b.announced ? -1 : 1));
  const fromPools = mergeById(
    ordered.map((pool) => pool.papers),
    { keep: "newest-version" },
  );
  const kept = (feed?.papers ?? []).filter(
    (paper) => oldestDay === undefined || paper.announced >= oldestDay,
  );
  return mergeById([fromPools, kept], { keep: "newest-version", sameVersion: withFeedSummary });
}

/** The pool's copy, with the feed's summary when it has one. */
const withFeedSummary = (pooled: RankedPaper, fed: RankedPaper): RankedPaper =>
  fed.summary ? { ...pooled, summary: fed.summary } : pooled;
