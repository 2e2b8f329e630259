import { latest } from "../model/latest.js";
import type { Paper } from "../model/paper.js";
import type { CategoryLag } from "../model/refresh-meta.js";
import { laggingCategories, lagOf } from "./category-lag.js";
import { type FeedFetchOutcome, type FetchFailure, type FetchPolicy, fetchFeed } from "./fetch-feed.js";
import { createParseMemo } from "./parse-memo.js";
import { RequestGate } from "./request-gate.js";

/** arXiv returns at most this many items in one combined feed; a full one may be cut short. */
export const COMBINED_FEED_CAP = 2000;

/**
 * Times a category that lags the others is fetched again on its own (spaced like every request)
 * before its older day is published as arXiv has it: a stale cache sometimes answers a retry fresh.
 */
export const LAG_REFETCHES = 2;

/** What arXiv said for one category in this refresh. */
export type CategoryAnnouncement =
  | {
      /** `ok`: the feed had an announcement; `empty`: no items at all (weekend, holiday). */
      status: "ok" | "empty";
      papers: Paper[];
      url: string;
      builtAt: string | undefined;
      announced: string | undefined;
      /** Set when arXiv still served an older day for this category than for the others. */
      behind?: CategoryLag;
    }
  | { status: "error"; url: string; error: FetchFailure };

export interface AnnouncementsResult {
  byCategory: Record<string, CategoryAnnouncement>;
  /** HTTP requests made, retries included. */
  requests: number;
  /** Bodies parsed: a malformed body served again (retry, per-category fallback) is not. */
  parses: number;
}

/** Progress lines for logs. */
export type Log = (line: string) => void;

const feedUrl = (baseUrl: string, categories: readonly string[]) =>
  `${baseUrl.replace(/\/+$/, "")}/rss/${categories.join("+")}`;

function announcementFor(
  category: string,
  outcome: FeedFetchOutcome,
  fromCombined: boolean,
): CategoryAnnouncement {
  if (!outcome.ok) return { status: "error", url: outcome.url, error: outcome.error };
  const { feed } = outcome;
  // A combined feed lists each paper once, under all its categories.
  const papers = fromCombined ? feed.papers.filter((p) => p.categories.includes(category)) : feed.papers;
  return {
    status: feed.papers.length === 0 ? "empty" : "ok",
    papers,
    url: outcome.url,
    builtAt: feed.builtAt,
    // In a combined feed a category left behind shows only in its items' dates.
    announced: (fromCombined ? latest(papers.map((p) => p.announced)) : undefined) ?? feed.announced,
  };
}

/**
 * Fetches each category that lags the others again on its own, at most LAG_REFETCHES times;
 * one still behind is kept as arXiv serves it, marked `behind`. Returns the requests made.
 */
async function refetchLagging(
  byCategory: Record<string, CategoryAnnouncement>,
  fetchOne: (category: string) => Promise<FeedFetchOutcome>,
  log: Log,
): Promise<number> {
  let requests = 0;
  for (const [category, first] of laggingCategories(byCategory)) {
    log(
      `${category} serves the ${first.serves} announcement, the others ${first.current}'s: fetching it again`,
    );
    let lag: CategoryLag | undefined = first;
    for (let attempt = 0; lag && attempt < LAG_REFETCHES; attempt++) {
      const outcome = await fetchOne(category);
      requests += outcome.attempts;
      const fresh = announcementFor(category, outcome, false);
      // A failed or empty refetch says nothing newer: keep the day arXiv did serve.
      if (fresh.status === "ok") byCategory[category] = fresh;
      lag = lagOf(category, byCategory);
    }
    const kept = byCategory[category];
    if (lag && kept?.status === "ok") {
      byCategory[category] = { ...kept, behind: lag };
      log(`${category} is still behind (${lag.serves}, not ${lag.current}): published what arXiv has`);
    } else if (!lag) log(`${category} is current now`);
  }
  return requests;
}

/**
 * Fetches the day's announcements of `categories`. One combined request (`cs.AI+cs.LG+…`) is
 * kinder to arXiv; when it fails with an HTTP or parse error, or is full to arXiv's cap, each
 * category is fetched on its own so one bad category cannot cost the others. Never throws.
 */
export async function fetchAnnouncements(
  categories: readonly string[],
  policy: FetchPolicy,
  log: Log = () => {},
): Promise<AnnouncementsResult> {
  const gate = new RequestGate(policy.minIntervalMs);
  const memo = createParseMemo();
  const byCategory: Record<string, CategoryAnnouncement> = {};
  let requests = 0;

  let separately = categories;
  if (categories.length > 1) {
    const combined = await fetchFeed(feedUrl(policy.baseUrl, categories), policy, gate, memo);
    requests += combined.attempts;
    const full = combined.ok && combined.feed.papers.length >= COMBINED_FEED_CAP;
    const worthSplitting =
      !combined.ok && (combined.error.kind === "http" || combined.error.kind === "parse");
    if (combined.ok && !full) {
      log(`fetched ${categories.join("+")}: ${combined.feed.papers.length} papers in one request`);
      for (const category of categories) byCategory[category] = announcementFor(category, combined, true);
      separately = [];
    } else if (full) {
      log(`combined feed is at arXiv's ${COMBINED_FEED_CAP}-item cap; fetching each category`);
    } else if (!combined.ok && worthSplitting) {
      log(`combined feed failed (${combined.error.message}); fetching each category`);
    } else if (!combined.ok) {
      log(`arXiv unreachable (${combined.error.kind}: ${combined.error.message})`);
      for (const category of categories) byCategory[category] = announcementFor(category, combined, true);
      separately = [];
    }
  }

  const fetchOne = (category: string) => fetchFeed(feedUrl(policy.baseUrl, [category]), policy, gate, memo);
  for (const category of separately) {
    const outcome = await fetchOne(category);
    requests += outcome.attempts;
    byCategory[category] = announcementFor(category, outcome, false);
    log(
      outcome.ok
        ? `fetched ${category}: ${outcome.feed.papers.length} papers`
        : `fetch ${category} failed: ${outcome.error.kind}: ${outcome.error.message}`,
    );
  }
  requests += await refetchLagging(byCategory, fetchOne, log);
  return { byCategory, requests, parses: memo.parses() };
}
