import { createHash } from "node:crypto";
import type { Config } from "../config/schema.js";
import { latest } from "../model/latest.js";
import type { FeedSnapshot, PoolSnapshot, RankedPaper, SnapshotHead } from "../model/snapshot.js";

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

/** Every slot of a feed's pools, in order. */
export const poolSlots = (days: number): number[] => Array.from({ length: days }, (_, i) => i);

/** Which stored pools a personal feed ranks, and the identity of what it ranks. */
interface WindowPlan {
  /** Feed version plus a digest of the pools' versions: changes when the feed or any pool does. */
  version: string;
  /** The newest of the feed's and the pools' times. */
  generatedAt: string;
  /** The newest announcement, the window's last day. */
  announced: string | undefined;
  /** Whether each given pool is inside the window. */
  inWindow: boolean[];
  /** Announcement days before this one are outside the window. */
  oldestDay: string | undefined;
}

const dayOf = (time: number) => new Date(time).toISOString().slice(0, 10);

/**
 * Which pools are within `days` calendar days of the newest announcement (the feed's or a
 * pool's), and a version for the whole window. Reads only heads, so a 304 needs no unzipping.
 */
function planWindow(
  feed: SnapshotHead | null,
  pools: readonly (SnapshotHead | null)[],
  days: number,
): WindowPlan | null {
  const heads = [feed, ...pools].filter((head): head is SnapshotHead => head !== null);
  if (heads.length === 0) return null;
  const newest = latest(heads.map((head) => head.announced));
  const oldestDay = newest === undefined ? undefined : dayOf(Date.parse(newest) - (days - 1) * DAY_MS);
  const inWindow = pools.map(
    (pool) => pool?.announced !== undefined && (oldestDay === undefined || pool.announced >= oldestDay),
  );
  const poolVersions = pools
    .filter((_, i) => inWindow[i])
    .map((pool) => `${pool?.announced}=${pool?.version}`);
  const digest = createHash("sha256").update(poolVersions.sort().join("\n")).digest("hex").slice(0, 12);
  return {
    version: `${feed?.version ?? "none"}.${digest}`,
    generatedAt: latest(heads.map((head) => head.generatedAt)) ?? "",
    announced: newest,
    inWindow,
    oldestDay,
  };
}

/**
 * The papers of a window: its pools, oldest day first, and the feed's kept papers of the window.
 * One entry per arXiv id: a paper keeps its first announcement unless a later day brings a newer
 * version (a cross-list the day after must not turn a primary paper into a cross-list); the
 * feed's summary is used whenever it is for the same version (it is the current model's).
 */
function mergeWindow(
  feed: FeedSnapshot | null,
  pools: readonly PoolSnapshot[],
  oldestDay: string | undefined,
): RankedPaper[] {
  const byId = new Map<string, RankedPaper>();
  const ordered = [...pools].sort((a, b) => ((a.announced ?? "") < (b.announced ?? "") ? -1 : 1));
  for (const pool of ordered) {
    for (const paper of pool.papers) {
      const entry = byId.get(paper.id);
      if (!entry || paper.version > entry.version) byId.set(paper.id, paper);
    }
  }
  for (const paper of feed?.papers ?? []) {
    if (oldestDay !== undefined && paper.announced < oldestDay) continue;
    const entry = byId.get(paper.id);
    if (!entry || paper.version > entry.version) byId.set(paper.id, paper);
    else if (paper.summary && paper.version === entry.version)
      byId.set(paper.id, { ...entry, summary: paper.summary });
  }
  return [...byId.values()];
}

/**
 * A personal feed's whole window as one snapshot: planned from the heads at once, its papers
 * merged only when first asked for (`papersOf(i)`: pool i's papers, undefined to skip it), so
 * a 304 or a body already rendered for this version never unzips a pool. Null when nothing is
 * stored.
 */
export function poolWindow(
  feed: FeedSnapshot | null,
  heads: readonly (SnapshotHead | null)[],
  days: number,
  papersOf: (index: number) => readonly RankedPaper[] | undefined,
): FeedSnapshot | null {
  const plan = planWindow(feed, heads, days);
  if (!plan) return null;
  const taken = heads.flatMap((head, i) => (head && plan.inWindow[i] ? [{ head, i }] : []));
  let papers: RankedPaper[] | undefined;
  const load = () =>
    mergeWindow(
      feed,
      taken.flatMap(({ head, i }) => {
        const list = papersOf(i);
        return list ? [{ ...head, papers: [...list] }] : [];
      }),
      plan.oldestDay,
    );
  return {
    version: plan.version,
    generatedAt: plan.generatedAt,
    name: feed?.name ?? taken[0]?.head.name ?? "",
    announced: plan.announced,
    get papers() {
      papers ??= load();
      return papers;
    },
  };
}
