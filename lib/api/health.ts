import { arxivFeedDate, isSkipDay, nextAnnouncement, skipReason } from "../arxiv/schedule.js";
import type { Config } from "../config/schema.js";
import type { EmbeddingsHealth } from "../embeddings/usage.js";
import { feedNames, feedSources } from "../model/feeds.js";
import { latest } from "../model/latest.js";
import { attemptOf, type RefreshAttempt } from "../model/refresh-attempt.js";
import type { RefreshMeta } from "../model/refresh-meta.js";
import type { HealthResponse } from "./schemas.js";

/** What the health report needs besides the run record. */
export interface HealthContext {
  config: Config;
  /** Whether summaries are on (ai_summary.enabled and a key is set). */
  summariesEnabled: boolean;
  /** The model summaries are written with. */
  model: string;
  storeDriver: string;
  now: number;
  /** The embeddings endpoint's state; absent or null when not configured. */
  embeddings?: EmbeddingsHealth | null;
}

const STATUS: Record<RefreshMeta["status"], HealthResponse["status"]> = {
  ok: "ok",
  "no-announcement": "ok",
  partial: "degraded",
  failed: "failing",
};

/**
 * True when today's refresh found arXiv's feeds empty on a weekday: a holiday (arXiv publishes
 * its holiday schedule yearly; an empty weekday feed is how it shows here).
 */
function emptyToday(meta: RefreshMeta | null, now: number): boolean {
  return (
    meta?.status === "no-announcement" && arxivFeedDate(Date.parse(meta.finishedAt)) === arxivFeedDate(now)
  );
}

/** The overall status: the last attempt's when it published nothing, else the last run's. */
function overallStatus(meta: RefreshMeta | null, attempt: RefreshAttempt | null): HealthResponse["status"] {
  if (attempt?.status === "error") return "failing";
  return meta ? STATUS[meta.status] : "empty";
}

/**
 * The health report from `meta:refresh` (null: no refresh has published) and `meta:attempt`
 * (null: none recorded; a store from before attempts were recorded then shows the last run as
 * its last attempt): last run and its outcome per category, the last attempt, arXiv's build
 * date per feed, today's place in arXiv's week, counts, summaries pending and LLM use. Pure.
 */
export function healthReport(
  meta: RefreshMeta | null,
  context: HealthContext,
  storedAttempt: RefreshAttempt | null = null,
): HealthResponse {
  const { config, now } = context;
  const attempt = storedAttempt ?? (meta ? attemptOf(meta) : null);
  const categories: HealthResponse["categories"] = {};
  for (const [name, report] of Object.entries(meta?.categories ?? {})) {
    categories[name] = {
      status: report.status,
      url: report.url,
      parsed: report.parsed,
      kept: report.kept,
      arxivBuiltAt: report.builtAt ?? null,
      announced: report.announced ?? null,
      error: report.error ?? null,
      behind: report.behind !== undefined,
      othersAnnounced: report.behind?.current ?? null,
      servesDay: report.behind?.serves ?? null,
    };
  }
  const feeds: HealthResponse["feeds"] = {};
  for (const name of feedNames(config)) {
    const sources = feedSources(name, config);
    feeds[name] = {
      count: meta?.feeds[name] ?? 0,
      arxivBuiltAt: latest(sources.map((source) => meta?.categories[source]?.builtAt)) ?? null,
    };
  }
  return {
    status: overallStatus(meta, attempt),
    skipDay: isSkipDay(now) || emptyToday(meta, now),
    skipReason: skipReason(now) ?? (emptyToday(meta, now) ? "no announcement today (holiday)" : null),
    arxivFeedDate: arxivFeedDate(now),
    nextAnnouncement: nextAnnouncement(now).toISOString(),
    lastRefresh: meta
      ? {
          version: meta.version,
          startedAt: meta.startedAt,
          finishedAt: meta.finishedAt,
          durationMs: meta.durationMs,
          status: meta.status,
          arxivRequests: meta.arxivRequests,
          announced: meta.announced ?? null,
          lastSuccessAt: meta.lastSuccessAt ?? null,
          profile: meta.profile ?? null,
        }
      : null,
    lastAttempt: attempt,
    categories,
    feeds,
    summaries: {
      enabled: context.summariesEnabled,
      model: context.summariesEnabled ? context.model : null,
      pending: meta?.llm?.pending ?? 0,
    },
    llm: meta?.llm ?? null,
    embeddings: context.embeddings ?? null,
    store: context.storeDriver,
  };
}
