import { randomBytes } from "node:crypto";
import { type CategoryAnnouncement, fetchAnnouncements } from "../arxiv/fetch-announcements.js";
import type { FetchPolicy } from "../arxiv/fetch-feed.js";
import { arxivFeedDate, isSkipDay, latestAnnouncementDate } from "../arxiv/schedule.js";
import { now as clockNow, machineNow } from "../clock.js";
import type { Settings } from "../config/settings.js";
import { refreshEmbeddings } from "../embeddings/refresh-embeddings.js";
import { feedNames } from "../model/feeds.js";
import { latest } from "../model/latest.js";
import { attemptOf } from "../model/refresh-attempt.js";
import type { RefreshMeta } from "../model/refresh-meta.js";
import type { FeedSnapshot, RankedPaper } from "../model/snapshot.js";
import { dayPoolKey, poolDays } from "../pools/slots.js";
import { type PoolWrite, writeDayPools } from "../pools/write.js";
import { feedKey, META_ATTEMPT_KEY, META_REFRESH_KEY, REFRESH_LOCK } from "../store/keys.js";
import { describeLockHolder } from "../store/lock-holder.js";
import type { Store } from "../store/types.js";
import { withRenewedLock } from "../store/with-lock.js";
import { type BuiltFeed, buildFeeds } from "./build-feeds.js";
import { renderedBodies } from "./publish-bodies.js";
import { type PreviousState, readPrevious } from "./read-previous.js";
import { recordFailedAttempt } from "./record-attempt.js";
import { profileReport, type RefreshProfile, resolveRefreshProfile } from "./refresh-profile.js";
import { refreshReport } from "./refresh-report.js";
import { type SummariseStepResult, summariseStep } from "./summarise-step.js";
import { withSummaries } from "./summary-candidates.js";

/** What a refresh needs from outside. */
export interface RefreshDeps {
  settings: Settings;
  store: Store;
  now?: () => number;
  log?: (line: string) => void;
  /** Stop starting LLM calls after this machine-clock epoch ms (default: start + ai_summary.time_budget_seconds). */
  deadline?: number;
  /** Aborting it (Ctrl-C, SIGTERM) releases the lock at once; the refresh rejects with its reason. */
  signal?: AbortSignal;
}

export type RefreshOutcome =
  | { status: "busy"; reason: string }
  | { status: "done"; meta: RefreshMeta; published: string[] };

/** The cron function's `maxDuration` in vercel.json, seconds (a test keeps the two equal). */
export const CRON_MAX_DURATION_SECONDS = 300;
/** Time kept after the last LLM call may end for writing the pools and the publish, seconds. */
const PUBLISH_MARGIN_SECONDS = 45;

/**
 * When to stop starting LLM calls: the configured budget, but never so late that a call started
 * just before it (which may run its whole timeout) and the publish overrun the cron's maxDuration.
 */
export function summaryDeadline(started: number, ai: Settings["config"]["ai_summary"]): number {
  const lastStartSeconds = CRON_MAX_DURATION_SECONDS - ai.timeout_seconds - PUBLISH_MARGIN_SECONDS;
  return started + Math.max(0, Math.min(ai.time_budget_seconds, lastStartSeconds)) * 1000;
}

function fetchPolicyFrom(settings: Settings): FetchPolicy {
  const { env } = settings;
  return {
    baseUrl: env.ARXIV_BASE_URL,
    timeoutMs: env.ARXIV_TIMEOUT_MS,
    minIntervalMs: env.ARXIV_MIN_INTERVAL_MS,
    maxRetries: env.ARXIV_MAX_RETRIES,
    maxRetryAfterMs: 60_000,
    userAgent: settings.userAgent,
  };
}

/** Logs when arXiv still serves an older announcement than today's (run before its rebuild). */
function warnIfBehindSchedule(
  byCategory: Record<string, CategoryAnnouncement>,
  now: number,
  log: (line: string) => void,
): void {
  if (isSkipDay(now)) return;
  const expected = latestAnnouncementDate(now);
  const served = Object.values(byCategory).flatMap((a) =>
    a.status === "ok" && a.announced ? [a.announced] : [],
  );
  const newest = served.sort().at(-1);
  if (newest && newest < expected) {
    log(
      `arXiv still serves the ${newest} announcement, not ${expected}'s: published what it has; the next run fetches again`,
    );
  }
}

const newVersion = (time: number) => `${time.toString(36)}-${randomBytes(4).toString("hex")}`;

/**
 * One refresh: fetch the day's announcements, rank them into every feed, summarise the best,
 * and publish all snapshots and the run's record in one atomic write. Feeds whose fetch failed
 * or was empty keep their stored snapshot. One refresh at a time (store lock).
 */
export async function runRefresh(deps: RefreshDeps): Promise<RefreshOutcome> {
  const { store } = deps;
  const now = deps.now ?? clockNow;
  const log = deps.log ?? (() => {});
  // A short TTL renewed while the run lasts: a killed run blocks the next for one TTL at most.
  const lock = { ttlSeconds: deps.settings.env.REFRESH_LOCK_SECONDS, signal: deps.signal, log };
  const locked = await withRenewedLock(store, REFRESH_LOCK, lock, () => refreshLocked(deps, now, log));
  if (locked.status === "done") return locked.value;
  const holder = locked.holder ? ` (${describeLockHolder(locked.holder)})` : "";
  return { status: "busy", reason: `another refresh is running${holder}` };
}

/** The locked run, and the record of its attempt when it throws (the publish refused among the ways). */
async function refreshLocked(
  deps: RefreshDeps,
  now: () => number,
  log: (line: string) => void,
): Promise<RefreshOutcome> {
  const started = now();
  try {
    return await refreshSteps(deps, started, now, log);
  } catch (error) {
    await recordFailedAttempt({ settings: deps.settings, store: deps.store, log }, started, now(), error);
    throw error;
  }
}

/**
 * Whether the `all` pool misses some category's papers this run (its fetch failed or was empty),
 * so it is merged with the stored pool of its day. Wider than status `partial`, which counts
 * failures only: an empty category also leaves the combined pool short.
 */
const allPoolIncomplete = (byCategory: Record<string, CategoryAnnouncement>) =>
  Object.values(byCategory).some((a) => a.status !== "ok");

function warnIfPromptMissing(settings: Settings, log: (line: string) => void): void {
  if (settings.promptFile !== "missing") return;
  log(
    `ai_summary.prompt_file "${settings.config.ai_summary.prompt_file}" was not found; using the built-in prompt`,
  );
}

/** Every feed arXiv gave an announcement for, ranked (build-feeds marks the categories it left behind). */
function rebuildFeeds(
  config: Settings["config"],
  byCategory: Record<string, CategoryAnnouncement>,
  previous: PreviousState["feeds"],
  version: string,
  started: number,
  profile: RefreshProfile | undefined,
): Map<string, BuiltFeed> {
  return buildFeeds({
    config,
    announcements: byCategory,
    previous,
    version,
    generatedAt: new Date(started).toISOString(),
    fallbackDate: arxivFeedDate(started),
    ...(profile && { profile }),
  });
}

function logBuilt(
  built: Map<string, BuiltFeed>,
  byCategory: Record<string, CategoryAnnouncement>,
  log: (line: string) => void,
): void {
  for (const [name, feed] of built) {
    // "listed" as in the final table: what arXiv listed for the category (`all` has no such count).
    const source = byCategory[name];
    const listed = source && source.status !== "error" ? `${source.papers.length} listed, ` : "";
    log(`${name}: ${listed}${feed.snapshot.papers.length} kept (${feed.parsed} eligible)`);
  }
}

/** The rebuilt feeds' snapshots and day pools, each paper with today's summary if it has one. */
function feedWrites(built: Map<string, BuiltFeed>, summary: SummariseStepResult, days: number) {
  const entries: Record<string, unknown> = {};
  const feeds = new Map<string, FeedSnapshot>();
  const pools: PoolWrite[] = [];
  const summarised = (papers: RankedPaper[]) => withSummaries(papers, summary.summaries, summary.settingsId);
  for (const [name, feed] of built) {
    const snapshot = { ...feed.snapshot, papers: summarised(feed.snapshot.papers) };
    feeds.set(name, snapshot);
    entries[feedKey(name)] = snapshot;
    pools.push({
      key: dayPoolKey(name, feed.pool.announced, days),
      pool: { ...feed.pool, papers: summarised(feed.pool.papers) },
    });
  }
  return { entries, feeds, pools };
}

/** What each feed holds after this run (rebuilt, or kept from before): paper counts and newest day. */
function heldAfter(
  names: readonly string[],
  built: Map<string, BuiltFeed>,
  previous: PreviousState["feeds"],
) {
  const feeds: Record<string, number> = {};
  for (const name of names) {
    feeds[name] = built.get(name)?.snapshot.papers.length ?? previous.get(name)?.papers.length ?? 0;
  }
  const announced = latest(
    names.map((name) => built.get(name)?.snapshot.announced ?? previous.get(name)?.announced),
  );
  return { feeds, announced };
}

/**
 * config.json's profile as this run resolves it, and with embeddings on the window's and the
 * profile's papers embedded (whether or not a profile is configured): the profile then ranks by
 * the vectors. Undefined without a profile, and when the run rebuilds no feed: it ranks nothing,
 * so neither arXiv's API nor the embeddings endpoint is asked for it.
 */
async function similarityStep(
  { settings, store }: RefreshDeps,
  announcements: Record<string, CategoryAnnouncement>,
  previous: PreviousState["feeds"],
  started: number,
  log: (line: string) => void,
): Promise<RefreshProfile | undefined> {
  if (!Object.values(announcements).some((announcement) => announcement.status === "ok")) return undefined;
  const resolved = await resolveRefreshProfile({ settings, store, announcements, previous, log });
  const source = await refreshEmbeddings({
    settings,
    store,
    announcements,
    named: resolved,
    fallbackDay: arxivFeedDate(started),
    at: new Date(started).toISOString(),
    log,
  });
  return resolved && source ? { ...resolved, source } : resolved;
}

/** Fetch, rank, summarise, publish: each step's outcome is the next one's input. */
async function refreshSteps(
  deps: RefreshDeps,
  started: number,
  now: () => number,
  log: (line: string) => void,
): Promise<RefreshOutcome> {
  const { settings, store } = deps;
  const { config } = settings;
  const names = feedNames(config);
  warnIfPromptMissing(settings, log);

  const [{ feeds: previous, meta: previousMeta }, announcements] = await Promise.all([
    readPrevious(store, names, log),
    fetchAnnouncements(config.categories, fetchPolicyFrom(settings), log),
  ]);
  const { byCategory } = announcements;
  warnIfBehindSchedule(byCategory, started, log);

  const version = newVersion(started);
  const profile = await similarityStep(deps, byCategory, previous, started, log);
  const built = rebuildFeeds(config, byCategory, previous, version, started, profile);
  logBuilt(built, byCategory, log);

  // A deadline is elapsed time: the machine's clock, which the LLM client's retries also read.
  const deadline = deps.deadline ?? summaryDeadline(machineNow(), config.ai_summary);
  const papers = [...built.values()].map((feed) => feed.snapshot.papers);
  const summary = await summariseStep(settings, store, papers, deadline, log);

  const days = poolDays(config);
  const { entries, feeds, pools } = feedWrites(built, summary, days);
  // Their finished bodies go in the same publish, so a reader never sees a body of another snapshot.
  Object.assign(entries, await renderedBodies(settings, feeds, started));
  const meta = refreshReport({
    config,
    version,
    started,
    finished: now(),
    byCategory,
    ...heldAfter(names, built, previous),
    arxivRequests: announcements.requests,
    llm: summary.usage,
    previousMeta,
    ...(profile && { profile: profileReport(profile) }),
  });
  entries[META_REFRESH_KEY] = meta;
  entries[META_ATTEMPT_KEY] = attemptOf(meta);

  await writeDayPools(store, entries, pools, { days, partial: allPoolIncomplete(byCategory), log });
  const published = [...built.keys()];
  log(`published ${published.length ? published.join(", ") : "no feeds"} (${meta.status})`);
  for (const error of summary.errors) log(`summary failed: ${error}`);
  return { status: "done", meta, published };
}
