import { readFileSync } from "node:fs";
import { createClient } from "redis";
import type { FeedSnapshot } from "../lib/model/snapshot.js";
import type { UpstashRestStats } from "../tests/helpers/upstash-rest-server.js";
import type { BenchContext } from "./context.js";
import { COMBINED_PATH, type Harness, refreshDone, trimmedFeed } from "./harness.js";
import { httpGet, keepAliveAgent } from "./http-get.js";
import { COMBINED_FIXTURE } from "./parse-rank.js";
import { bytes } from "./stats.js";

/** Upstash's largest request on the free plan (and the largest value), bytes. */
export const UPSTASH_REQUEST_LIMIT = 10 * 1024 * 1024;

/** The personal feed issue 5 names. */
/** A personal feed that selects papers from the fixture day (the issue's moe example matches none there). */
export const PERSONAL_FEED = "/rss/cs.LG?keywords=inference,quantization,speculative+decoding&min_score=1";

export interface StoreCommandsOptions {
  /** Items of the trimmed day (default 100). */
  trimmedItems?: number;
  /** Papers (all with summaries) of the snapshot whose size is reported (default 100). */
  snapshotPapers?: number;
  /** Feed requests counted per path (default 20). */
  feedRequests?: number;
  /** Items of each day of the week of pools (default: the whole 1,430-item day). */
  weekItems?: number;
}

export interface RefreshCommands {
  label: string;
  requests: number;
  commands: number;
  byPath: Record<string, number>;
  /** Command name → count. */
  commandCounts: Record<string, number>;
  bytesReceived: number;
  largestRequest: number;
}

export interface StoreCommandsResult {
  /** Store commands per request, by path. */
  perFeedRequest: Record<string, number>;
  refreshes: RefreshCommands[];
  snapshot: {
    papers: number;
    withSummary: number;
    bytes: number;
    /** Sum of the values the one MULTI/EXEC publish wrote (feed:*, meta:refresh). */
    publishedBytes: number;
    publishedKeys: number;
    largestRequest: number;
    largestKey: string;
  };
  /** A personal feed of `all` after five full days. */
  week: { commands: number; bytesSent: number; days: number };
}

const countNames = (names: readonly string[]) =>
  names.reduce<Record<string, number>>((acc, name) => {
    acc[name] = (acc[name] ?? 0) + 1;
    return acc;
  }, {});

const describe = (r: RefreshCommands) =>
  `${r.requests} HTTP requests (${Object.entries(r.byPath)
    .map(([path, n]) => `${path} ×${n}`)
    .join(", ")}), ${r.commands} commands (${Object.entries(r.commandCounts)
    .map(([name, n]) => `${name} ×${n}`)
    .join(", ")})`;

async function countedRefresh(harness: Harness, label: string): Promise<RefreshCommands> {
  const backend = await harness.upstash();
  await backend.resetStats();
  await refreshDone(harness);
  const stats: UpstashRestStats = await backend.stats();
  return {
    label,
    requests: stats.requests,
    commands: stats.commands,
    byPath: stats.byPath,
    commandCounts: countNames(stats.commandNames),
    bytesReceived: stats.bytesReceived,
    largestRequest: stats.largestRequest,
  };
}

/**
 * Issue 4's figures, counted by the Upstash REST endpoint in front of a real redis-server:
 * store commands per feed request and per refresh (full and trimmed day, with and without
 * summaries), and the stored size of a 100-paper feed snapshot with summaries.
 */
export async function benchStoreCommands(
  ctx: BenchContext,
  harness: Harness,
  options: StoreCommandsOptions = {},
): Promise<StoreCommandsResult> {
  const section = "3. Store commands and size";
  const trimmedItems = options.trimmedItems ?? 100;
  const snapshotPapers = options.snapshotPapers ?? 100;
  const feedRequests = options.feedRequests ?? 20;
  const backend = await harness.upstash();
  const refreshes: RefreshCommands[] = [];

  // A first refresh on a fresh redis-server pays one extra EVAL (the lock-release script is not
  // cached yet); warm up on a throwaway prefix so every counted refresh sees the same server state.
  await harness.configure({ store: "upstash" });
  await harness.refresh();
  await harness.configure({ store: "upstash" });
  refreshes.push(await countedRefresh(harness, "refresh, full day (1,430 items), summaries off"));

  const agent = keepAliveAgent();
  const perFeedRequest: Record<string, number> = {};
  for (const path of ["/rss/cs.LG", "/atom", "/feed/cs.AI.json", PERSONAL_FEED]) {
    await backend.resetStats();
    for (let i = 0; i < feedRequests; i++) {
      const response = await httpGet(harness.url + path, agent);
      if (response.status !== 200) throw new Error(`${path}: status ${response.status}`);
    }
    const stats = await backend.stats();
    // Personal requests also take a rate-limit check (a script), which reads no feed data.
    const limits = stats.commandNames.filter((name) => /^EVAL/i.test(name)).length;
    const reads = stats.commands - limits;
    perFeedRequest[path] = reads / feedRequests;
    ctx.record({
      section,
      name: `store reads per feed request, ${path}`,
      value: `${perFeedRequest[path]} (${Object.entries(countNames(stats.commandNames))
        .map(([name, n]) => `${name} ×${n}`)
        .join(", ")} in ${feedRequests} requests)`,
      goal: "exactly 1 read",
      met: reads === feedRequests,
      note: `${bytes(Math.round(stats.bytesSent / feedRequests))} from the store per request (ASCII-only JSON over REST, no base64)`,
    });
  }
  agent.destroy();

  const xml = readFileSync(COMBINED_FIXTURE, "utf8");
  await harness.configure({ store: "upstash" });
  harness.arxiv.setBody(COMBINED_PATH, trimmedFeed(xml, trimmedItems));
  refreshes.push(
    await countedRefresh(harness, `refresh, trimmed day (${trimmedItems} items), summaries off`),
  );

  await harness.configure({ store: "upstash", llm: true });
  refreshes.push(await countedRefresh(harness, "refresh, full day, summaries on (first run)"));
  refreshes.push(await countedRefresh(harness, "refresh, full day, summaries on (second run, all stored)"));

  const [full, trimmed] = refreshes;
  for (const r of refreshes) {
    const independent =
      r === trimmed && full ? r.requests === full.requests && r.commands === full.commands : undefined;
    ctx.record({
      section,
      name: r.label,
      value: describe(r),
      baseline:
        r === trimmed && full ? `full day: ${full.requests} requests, ${full.commands} commands` : undefined,
      goal: r === trimmed ? "independent of paper count" : undefined,
      met: independent,
      note: `request bodies ${bytes(r.bytesReceived)}`,
    });
  }

  // A feed holding `snapshotPapers` papers, every one with a summary (the budget over `all` alone: per_feed 0).
  await harness.configure({
    store: "upstash",
    llm: true,
    config: {
      max_papers: snapshotPapers,
      feed_max_papers: Math.max(100, snapshotPapers),
      min_score: 0,
      ai_summary: { max_papers_to_summarize: snapshotPapers, per_feed: 0, max_workers: 8 },
    },
  });
  const sized = await countedRefresh(harness, "sizing refresh");
  const redis = createClient({ url: backend.redisUrl });
  redis.on("error", () => {});
  await redis.connect();
  let snapshot: StoreCommandsResult["snapshot"];
  try {
    const keys = await redis.keys(`${harness.keyPrefix}*`);
    const sizes = await Promise.all(keys.map(async (key) => [key, await redis.strLen(key)] as const));
    sizes.sort((a, b) => b[1] - a[1]);
    const feedAll = `${harness.keyPrefix}feed:all`;
    const text = await redis.get(feedAll);
    const feed = text ? (JSON.parse(text) as FeedSnapshot) : undefined;
    const published = sizes.filter(([key]) => /:feed:|:meta:refresh$/.test(key));
    snapshot = {
      publishedBytes: published.reduce((n, [, size]) => n + size, 0),
      publishedKeys: published.length,
      papers: feed?.papers.length ?? 0,
      withSummary: feed?.papers.filter((p) => p.summary).length ?? 0,
      bytes: text ? Buffer.byteLength(text) : 0,
      largestRequest: sized.largestRequest,
      largestKey: sizes[0] ? `${sizes[0][0].slice(harness.keyPrefix.length)} ${bytes(sizes[0][1])}` : "none",
    };
  } finally {
    await redis.quit().catch(() => redis.destroy());
  }
  const share = (n: number) => `${((n / UPSTASH_REQUEST_LIMIT) * 100).toFixed(1)}% of the 10 MiB limit`;
  ctx.record({
    section,
    name: `snapshot size, feed:all with ${snapshot.papers} papers, ${snapshot.withSummary} with summaries`,
    value: bytes(snapshot.bytes),
    baseline: `Upstash request limit ${bytes(UPSTASH_REQUEST_LIMIT)}`,
    ratio: share(snapshot.bytes),
    goal: "far below 10 MB",
    met: snapshot.bytes < UPSTASH_REQUEST_LIMIT / 10,
    note: `largest key: ${snapshot.largestKey}`,
  });
  ctx.record({
    section,
    name: `that refresh's atomic MULTI/EXEC publish: ${snapshot.publishedKeys} values (feed:*, meta:refresh)`,
    value: bytes(snapshot.publishedBytes),
    baseline: `Upstash request limit ${bytes(UPSTASH_REQUEST_LIMIT)}`,
    ratio: share(snapshot.publishedBytes),
    goal: "below 10 MB",
    met: snapshot.publishedBytes < UPSTASH_REQUEST_LIMIT,
    note: "sum of the stored values' STRLEN; each feed's pool is written in its own request before it",
  });
  ctx.record({
    section,
    name: "largest single request body of that refresh",
    value: bytes(snapshot.largestRequest),
    baseline: `Upstash request limit ${bytes(UPSTASH_REQUEST_LIMIT)}`,
    ratio: share(snapshot.largestRequest),
    goal: "below 10 MB",
    met: snapshot.largestRequest < UPSTASH_REQUEST_LIMIT,
    note: `${sized.requests} requests, ${bytes(sized.bytesReceived)} in all: pools one per request, the publish, ${snapshotPapers} summary writes and small reads`,
  });
  const week = await benchWeekOfPools(
    ctx,
    harness,
    options.weekItems ? trimmedFeed(xml, options.weekItems) : xml,
  );
  return { perFeedRequest, refreshes, snapshot, week };
}

/** The personal feed of every category whose store read is largest: a week of pools of `all`. */
export const PERSONAL_ALL_FEED = "/rss?keywords=inference,quantization,speculative+decoding&min_score=1";

/** The fixture week's announcement days, Monday to Friday, each with its own id prefix. */
export const WEEK_DAYS = [
  ["Mon, 26 Jan 2026", "2602"],
  ["Tue, 27 Jan 2026", "2603"],
  ["Wed, 28 Jan 2026", "2604"],
  ["Thu, 29 Jan 2026", "2601"],
  ["Fri, 30 Jan 2026", "2605"],
] as const;

/** The fixture day moved to another date, with its own ids and titles (a later announcement). */
export function shiftedDay(xml: string, rfcDate: string, idPrefix: string): string {
  return xml
    .replaceAll("Thu, 29 Jan 2026", rfcDate)
    .replace(/2601\.(\d{5})/g, `${idPrefix}.$1`)
    .replace(/<title>/g, `<title>${idPrefix} `);
}

/**
 * Five announcement days (Monday to Friday, 1,430 items each unless trimmed) refreshed in turn, then one
 * personal feed of `all`: it must still be one store command, and its response (the feed plus
 * five gzipped pools, as JSON over REST) must stay inside Upstash's 10 MB.
 */
async function benchWeekOfPools(
  ctx: BenchContext,
  harness: Harness,
  xml: string,
): Promise<{ commands: number; bytesSent: number; days: number }> {
  const section = "3. Store commands and size";
  const backend = await harness.upstash();
  await harness.configure({ store: "upstash" });
  for (const [date, prefix] of WEEK_DAYS) {
    harness.arxiv.setBody(COMBINED_PATH, shiftedDay(xml, date, prefix));
    await refreshDone(harness, `refresh of ${date}`);
  }
  harness.arxiv.setBody(COMBINED_PATH, xml);
  await backend.resetStats();
  const agent = keepAliveAgent();
  const response = await httpGet(harness.url + PERSONAL_ALL_FEED, agent);
  agent.destroy();
  if (response.status !== 200) throw new Error(`${PERSONAL_ALL_FEED}: status ${response.status}`);
  const seen = new Set(
    [...response.body.toString("utf8").matchAll(/arxiv\.org\/abs\/(\d{4})\./g)].map((m) => m[1]),
  );
  const stats = await backend.stats();
  // An uncached personal request also takes one rate-limit check (@upstash/ratelimit's script).
  const limits = stats.commandNames.filter((name) => /^EVAL/i.test(name)).length;
  const reads = stats.commands - limits;
  ctx.record({
    section,
    name: `personal feed of all after a week of ${(xml.match(/<item>/g) ?? []).length}-item days (${PERSONAL_ALL_FEED})`,
    value: `${reads} read + ${limits} rate-limit check, ${bytes(stats.bytesSent)} from the store`,
    baseline: `Upstash request limit ${bytes(UPSTASH_REQUEST_LIMIT)}`,
    ratio: `${((stats.bytesSent / UPSTASH_REQUEST_LIMIT) * 100).toFixed(1)}% of the 10 MiB limit`,
    goal: "1 read, below 10 MB, papers from every day",
    met: reads === 1 && stats.bytesSent < UPSTASH_REQUEST_LIMIT && seen.size === WEEK_DAYS.length,
    note: `the feed and ${WEEK_DAYS.length} gzipped day pools in one MGET; the answer ranks papers of ${seen.size} days`,
  });
  return { commands: reads, bytesSent: stats.bytesSent, days: seen.size };
}
