import type { CategoryAnnouncement } from "../arxiv/fetch-announcements.js";
import type { Config } from "../config/schema.js";
import type { ProfileReport } from "../model/profile-missing.js";
import type { CategoryReport, LlmUsage, RefreshMeta } from "../model/refresh-meta.js";

/** What a refresh's record (`meta:refresh`) is made of; times are epoch ms. */
export interface RefreshReportInput {
  config: Config;
  version: string;
  started: number;
  finished: number;
  byCategory: Readonly<Record<string, CategoryAnnouncement>>;
  /** Papers each feed holds after the run: rebuilt, or kept from before. */
  feeds: Record<string, number>;
  /** Newest announcement day any feed holds after the run. */
  announced: string | undefined;
  arxivRequests: number;
  llm: LlmUsage | undefined;
  /** The last run's record: a failed category keeps reporting where its kept feed came from. */
  previousMeta: RefreshMeta | null;
  /** config.json's `profile` as this run resolved it, when it names papers. */
  profile?: ProfileReport;
}

/** `failed` when every fetch failed, `partial` when some did; else `ok`, or nothing announced. */
export function overallStatus(announcements: readonly CategoryAnnouncement[]): RefreshMeta["status"] {
  const count = (status: string) => announcements.filter((a) => a.status === status).length;
  if (count("error") === announcements.length) return "failed";
  if (count("error") > 0) return "partial";
  return count("ok") > 0 ? "ok" : "no-announcement";
}

/** How one category went; a failed one keeps the build and announcement of its kept feed. */
function categoryReport(
  a: CategoryAnnouncement,
  kept: number,
  last: CategoryReport | undefined,
): CategoryReport {
  if (a.status === "error") {
    return {
      status: "error",
      url: a.url,
      parsed: 0,
      kept,
      builtAt: last?.builtAt,
      announced: last?.announced,
      error: `${a.error.kind}: ${a.error.message}`,
    };
  }
  return {
    status: a.status,
    url: a.url,
    parsed: a.papers.length,
    kept,
    builtAt: a.builtAt,
    announced: a.announced,
    ...(a.status === "ok" && a.behind && { behind: a.behind }),
  };
}

function categoryReports(input: RefreshReportInput): Record<string, CategoryReport> {
  const categories: Record<string, CategoryReport> = {};
  for (const category of input.config.categories) {
    const a = input.byCategory[category];
    if (!a) continue;
    const last = input.previousMeta?.categories[category];
    categories[category] = categoryReport(a, input.feeds[category] ?? 0, last);
  }
  return categories;
}

/** The record of a refresh that ran to its publish. */
export function refreshReport(input: RefreshReportInput): RefreshMeta {
  const { started, finished } = input;
  const status = overallStatus(Object.values(input.byCategory));
  return {
    version: input.version,
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date(finished).toISOString(),
    durationMs: finished - started,
    status,
    announced: input.announced,
    categories: categoryReports(input),
    feeds: input.feeds,
    arxivRequests: input.arxivRequests,
    llm: input.llm,
    lastSuccessAt:
      status === "ok" || status === "partial"
        ? new Date(finished).toISOString()
        : input.previousMeta?.lastSuccessAt,
    ...(input.profile && { profile: input.profile }),
  };
}
