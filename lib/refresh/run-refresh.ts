import { randomBytes } from "node:crypto";
import { type CategoryAnnouncement, fetchAnnouncements } from "../arxiv/fetch-announcements.js";
import type { FetchPolicy } from "../arxiv/fetch-feed.js";
import { arxivFeedDate, isSkipDay, latestAnnouncementDate } from "../arxiv/schedule.js";
import { now as clockNow, machineNow } from "../clock.js";
import type { Settings } from "../config/settings.js";
import { feedNames } from "../model/feeds.js";
import { latest } from "../model/latest.js";
import { attemptOf } from "../model/refresh-attempt.js";
import type { CategoryReport, RefreshMeta } from "../model/refresh-meta.js";
import { poolDays, poolSlot } from "../rank/pool-window.js";
import { feedKey, META_ATTEMPT_KEY, META_REFRESH_KEY, poolKey, REFRESH_LOCK } from "../store/keys.js";
import { describeLockHolder } from "../store/lock-holder.js";
import type { Store } from "../store/types.js";
import { withRenewedLock } from "../store/with-lock.js";
import { buildFeeds } from "./build-feeds.js";
import { markBehind } from "./mark-behind.js";
import { type PoolWrite, publishWithPools } from "./publish-with-pools.js";
import { readPrevious } from "./read-previous.js";
import { recordFailedAttempt } from "./record-attempt.js";
import { summariseStep } from "./summarise-step.js";
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
  const latest = CRON_MAX_DURATION_SECONDS - ai.timeout_seconds - PUBLISH_MARGIN_SECONDS;
  return started + Math.max(0, Math.min(ai.time_budget_seconds, latest)) * 1000;
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

function overallStatus(announcements: CategoryAnnouncement[]): RefreshMeta["status"] {
  const count = (status: string) => announcements.filter((a) => a.status === status).length;
  if (count("error") === announcements.length) return "failed";
  if (count("error") > 0) return "partial";
  return count("ok") > 0 ? "ok" : "no-announcement";
}

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

async function refreshSteps(
  deps: RefreshDeps,
  started: number,
  now: () => number,
  log: (line: string) => void,
): Promise<RefreshOutcome> {
  const { settings, store } = deps;
  const { config } = settings;
  const names = feedNames(config);
  if (settings.promptFile === "missing") {
    log(`ai_summary.prompt_file "${config.ai_summary.prompt_file}" was not found; using the built-in prompt`);
  }

  const [{ feeds: previous, meta: previousMeta }, announcementsResult] = await Promise.all([
    readPrevious(store, names, log),
    fetchAnnouncements(config.categories, fetchPolicyFrom(settings), log),
  ]);
  warnIfBehindSchedule(announcementsResult.byCategory, started, log);
  const { byCategory } = announcementsResult;

  const version = newVersion(started);
  const built = markBehind(
    buildFeeds({
      config,
      announcements: byCategory,
      previous,
      version,
      generatedAt: new Date(started).toISOString(),
      fallbackDate: arxivFeedDate(started),
    }),
    config,
    byCategory,
  );
  for (const [name, feed] of built) {
    // "listed" as in the final table: what arXiv listed for the category (`all` has no such count).
    const source = byCategory[name];
    const listed = source && source.status !== "error" ? `${source.papers.length} listed, ` : "";
    log(`${name}: ${listed}${feed.snapshot.papers.length} kept (${feed.parsed} eligible)`);
  }

  // A deadline is elapsed time: the machine's clock, which the LLM client's retries also read.
  const deadline = deps.deadline ?? summaryDeadline(machineNow(), config.ai_summary);
  const summary = await summariseStep(
    settings,
    store,
    [...built.values()].map((feed) => feed.snapshot.papers),
    deadline,
    log,
  );

  const entries: Record<string, unknown> = {};
  const pools: PoolWrite[] = [];
  const days = poolDays(config);
  for (const [name, feed] of built) {
    entries[feedKey(name)] = {
      ...feed.snapshot,
      papers: withSummaries(feed.snapshot.papers, summary.summaries, summary.settingsId),
    };
    pools.push({
      key: poolKey(name, poolSlot(feed.pool.announced, days)),
      pool: { ...feed.pool, papers: withSummaries(feed.pool.papers, summary.summaries, summary.settingsId) },
    });
  }
  const published = [...built.keys()];
  // Papers each feed holds after this run: rebuilt, or kept from before.
  const feeds: Record<string, number> = {};
  for (const name of names) {
    feeds[name] = built.get(name)?.snapshot.papers.length ?? previous.get(name)?.papers.length ?? 0;
  }

  const categories: Record<string, CategoryReport> = {};
  for (const category of config.categories) {
    const a = byCategory[category];
    if (!a) continue;
    const kept = feeds[category] ?? 0;
    // A failed category keeps reporting the build and announcement its (kept) feed came from.
    const last = previousMeta?.categories[category];
    categories[category] =
      a.status === "error"
        ? {
            status: "error",
            url: a.url,
            parsed: 0,
            kept,
            builtAt: last?.builtAt,
            announced: last?.announced,
            error: `${a.error.kind}: ${a.error.message}`,
          }
        : {
            status: a.status,
            url: a.url,
            parsed: a.papers.length,
            kept,
            builtAt: a.builtAt,
            announced: a.announced,
            ...(a.status === "ok" && a.behind && { behind: a.behind }),
          };
  }
  const status = overallStatus(Object.values(byCategory));
  const finished = now();
  const announced = latest(
    names.map((name) => built.get(name)?.snapshot.announced ?? previous.get(name)?.announced),
  );
  const meta: RefreshMeta = {
    version,
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date(finished).toISOString(),
    durationMs: finished - started,
    status,
    announced,
    categories,
    feeds,
    arxivRequests: announcementsResult.requests,
    llm: summary.usage,
    lastSuccessAt:
      status === "ok" || status === "partial"
        ? new Date(finished).toISOString()
        : previousMeta?.lastSuccessAt,
  };
  entries[META_REFRESH_KEY] = meta;
  entries[META_ATTEMPT_KEY] = attemptOf(meta);

  const partial = Object.values(byCategory).some((a) => a.status !== "ok");
  await publishWithPools(store, entries, pools, { days, partial, log });
  log(`published ${published.length ? published.join(", ") : "no feeds"} (${status})`);
  for (const error of summary.errors) log(`summary failed: ${error}`);
  return { status: "done", meta, published };
}
