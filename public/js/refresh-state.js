/**
 * One reading of `/api/health` for the status line and the notices, so the page says one
 * consistent thing: the last attempt (published or not), the last success, and whether any
 * feed holds papers.
 */
import { parseTime } from "./format.js";

/**
 * The last refresh attempt (health fills `lastAttempt` from the last run when no attempt was
 * recorded). Null before any.
 * @returns {{ at: Date | null, status: string, error: string | null } | null}
 */
export function lastAttempt(health) {
  const attempt = health?.lastAttempt;
  if (!attempt || typeof attempt !== "object" || typeof attempt.status !== "string") return null;
  return {
    at: parseTime(attempt.finishedAt),
    status: attempt.status,
    error: typeof attempt.error === "string" && attempt.error ? attempt.error : null,
  };
}

/** When a refresh last fetched arXiv successfully, or null (never, or unknown). */
export const lastSuccess = (health) => parseTime(health?.lastRefresh?.lastSuccessAt);

/** True when some feed holds papers (health's per-feed counts). */
export function hasPapers(health) {
  const feeds = health?.feeds && typeof health.feeds === "object" ? Object.values(health.feeds) : [];
  return feeds.some((feed) => typeof feed?.count === "number" && feed.count > 0);
}

/** True when the attempt fetched nothing (`failed`) or published nothing (`error`). */
export const attemptFailed = (attempt) => attempt?.status === "failed" || attempt?.status === "error";

/**
 * What the attempt's status means to a reader: a tone and a sentence that mentions kept papers
 * only when there are some.
 * @returns {{ tone: string, text: string }}
 */
export function attemptStatus(attempt, papers) {
  const kept = papers ? "; the feeds kept the previous papers" : "";
  switch (attempt.status) {
    case "ok":
      return { tone: "ok", text: "All categories fetched" };
    case "partial":
      return {
        tone: "warn",
        text: `Some categories failed${papers ? "; their feeds kept the previous papers" : ""}`,
      };
    case "failed":
      return { tone: "error", text: `arXiv could not be reached${kept}` };
    case "error":
      return { tone: "error", text: `The refresh failed and published nothing${kept}` };
    case "no-announcement":
      return { tone: "muted", text: "arXiv had no new announcement" };
    default:
      return { tone: "muted", text: attempt.status };
  }
}
