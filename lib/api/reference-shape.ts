import type { Config } from "../config/schema.js";
import type { RefreshMeta } from "../model/refresh-meta.js";
import type { HealthResponse, PublicConfig, ReferenceHealth } from "./schemas.js";

/**
 * The reference bot's endpoint bodies (`/config`, `/health`, `/update-cache`), so a script
 * written against the bot reads the same fields from us. Our own paths (`/api/…`) keep the
 * richer shapes; these add the bot's fields to them, or unwrap them. Pure.
 */

/** `/config`: the configuration object itself at the top level, secrets already redacted. */
export const referenceConfig = (config: PublicConfig): PublicConfig["config"] => config.config;

const BOT_STATUS: Record<HealthResponse["status"], ReferenceHealth["status"]> = {
  ok: "healthy",
  degraded: "degraded",
  failing: "unhealthy",
  empty: "unhealthy",
};

/**
 * `/health`: our report with the bot's fields. Its `status` is the bot's (`healthy` when the last
 * run succeeded); ours moves to `service_status`. `total_papers_cached` counts as the bot did,
 * per feed (a paper in two feeds counts twice). `reportedAt`: when the report's data last changed.
 */
export function referenceHealth(
  report: HealthResponse,
  meta: RefreshMeta | null,
  config: Pick<Config, "feed_max_papers" | "days_back">,
  reportedAt: number,
): ReferenceHealth {
  const counts = Object.values(report.feeds).map((feed) => feed.count);
  const total = counts.reduce((sum, count) => sum + count, 0);
  return {
    ...report,
    status: BOT_STATUS[report.status],
    service_status: report.status,
    timestamp: new Date(reportedAt).toISOString(),
    last_cache_update: meta?.lastSuccessAt ?? null,
    cache_status: total > 0 ? "active" : "empty",
    total_feeds: counts.length,
    total_papers_cached: total,
    max_papers_per_feed: config.feed_max_papers,
    max_days_to_keep: config.days_back,
  };
}

/** The bot's envelope of a manual refresh's answer: `status`, `timestamp`, `message`. */
export interface ReferenceEnvelope {
  status: "success" | "error";
  timestamp: string;
  message: string;
}

/** `/update-cache`: our body with the bot's envelope; our own `status` moves to `refresh_status`. */
export function referenceRefreshBody(
  body: Record<string, unknown>,
  envelope: ReferenceEnvelope,
): Record<string, unknown> {
  const { status, ...rest } = body;
  return { ...envelope, ...(status === undefined ? {} : { refresh_status: status }), ...rest };
}
