import type { Config } from "../config/schema.js";
import { type EmbeddingIndex, indexOf } from "../embeddings/embedding-set.js";
import { embeddingSetKeys } from "../embeddings/keys.js";
import type { FeedSnapshot, RankedPaper, SnapshotHead } from "../model/snapshot.js";
import { poolPapers } from "../pools/codec.js";
import { readFeedsAndWindow, readWindow, type StoredPool, type StoredWindow } from "../pools/read-window.js";
import { poolDays } from "../pools/slots.js";
import { type DayPapers, mergeWindow, planWindow } from "../pools/window.js";
import { type Store, StoreDataError } from "../store/types.js";
import { createLru } from "./lru.js";

/**
 * What a request serves: the head its validators and cursors need, and its papers, built only
 * when `papers()` is called, so a 304 or a body already rendered for this version never
 * unzips a pool.
 */
export interface Served {
  head: SnapshotHead;
  papers: () => RankedPaper[];
  /** The window's embeddings by paper version (with `config.embeddings`), decoded when asked for. */
  embeddings?: () => EmbeddingIndex;
}

/** A published feed as served. */
export const servedFeed = (feed: FeedSnapshot | null): Served | null =>
  feed && { head: feed, papers: () => feed.papers };

/**
 * Unzipped pools by key, version and day, so the next personal query on a warm instance skips
 * gunzip (and the word indexes built for its papers, keyed by the paper objects, stay useful).
 * Bounded by papers (about two weeks of a four-category `all` feed), not entries, as a day's
 * pool may hold 100 or 1,500.
 */
const decoded = createLru<RankedPaper[]>({
  maxEntries: 64,
  maxWeight: 20_000,
  weight: (papers) => papers.length,
});

/** A pool's papers, or none when they cannot be unzipped (logged and skipped, like an unreadable head). */
function dayPapers(pool: StoredPool): DayPapers[] {
  try {
    const papers = decoded.get(`${pool.key}\n${pool.head.version}\n${pool.head.announced}`, () =>
      poolPapers(pool.key, pool.stored),
    );
    return [{ announced: pool.head.announced, papers }];
  } catch (error) {
    if (!(error instanceof StoreDataError)) throw error;
    console.error(`pool skipped: ${error.message}`);
    return [];
  }
}

/**
 * A published feed's papers carry its refresh's similarity to config.json's profile; in the
 * window they are ranked anew (by another profile, or none), so they carry none. Pool papers
 * never do; only a kept paper whose day has no pool is copied.
 */
function unexplained(papers: RankedPaper[]): RankedPaper[] {
  return papers.map((paper) => {
    if (paper.similarity === undefined && paper.closeTo === undefined) return paper;
    const { similarity: _similarity, closeTo: _closeTo, ...rest } = paper;
    return rest;
  });
}

/** The window as served: planned from the heads now, merged when its papers are asked for. */
function servedWindow(window: StoredWindow, days: number): Served | null {
  const plan = planWindow(window.feed, window.pools, days);
  if (!plan) return null;
  let papers: RankedPaper[] | undefined;
  return {
    head: plan.head,
    papers: () => {
      papers ??= unexplained(mergeWindow(window.feed, plan.pools.flatMap(dayPapers), plan.oldestDay));
      return papers;
    },
  };
}

/** What a personal feed of `name` ranks: the feed and every pool of its window, one store command. */
export async function readPoolWindow(store: Store, name: string, config: Config): Promise<Served | null> {
  return (await readPoolWindowWith(store, name, config, [])).served;
}

/** `served` with the window's embeddings from the stored day sets (`sets`), decoded once when asked for. */
function withEmbeddings(served: Served, sets: readonly unknown[], config: Config): Served {
  const wanted = config.embeddings;
  if (!wanted) return served;
  let index: EmbeddingIndex | undefined;
  const kind = { model: wanted.model, dimensions: wanted.dimensions };
  return { ...served, embeddings: () => (index ??= indexOf(sets, kind)) };
}

/**
 * `readPoolWindow` with the values of the `extra` keys (a feedback profile's record) read in the
 * same store command, in order. With `config.embeddings`, the window's embedding sets are read
 * in that command too (issue 14: one key set per request).
 */
export async function readPoolWindowWith(
  store: Store,
  name: string,
  config: Config,
  extra: readonly string[],
): Promise<{ served: Served | null; extra: unknown[] }> {
  const days = poolDays(config);
  const setKeys = config.embeddings ? embeddingSetKeys(days) : [];
  const window = await readWindow(store, name, days, [...extra, ...setKeys]);
  const served = servedWindow(window, days);
  const sets = window.extra.slice(extra.length);
  return {
    served: served && withEmbeddings(served, sets, config),
    extra: window.extra.slice(0, extra.length),
  };
}

/**
 * `GET /api/papers/<id>`'s read: every published feed and the combined feed's window, one
 * command. The window is the published `all` feed merged with its pools, as a personal feed
 * sees it; its papers are merged at once, as the lookup searches them.
 */
export async function readFeedsWithWindow(
  store: Store,
  names: readonly string[],
  windowOf: string,
  config: Config,
): Promise<{ feeds: (FeedSnapshot | null)[]; window: FeedSnapshot | null }> {
  const days = poolDays(config);
  const { feeds, window } = await readFeedsAndWindow(store, names, windowOf, days);
  const served = servedWindow(window, days);
  return { feeds, window: served && { ...served.head, papers: served.papers() } };
}
