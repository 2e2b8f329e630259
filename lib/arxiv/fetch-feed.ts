import { USER_AGENT } from "../project.js";
import { MAX_FEED_SIZE, type ParsedFeed } from "./parse.js";
import { createParseMemo, type ParseMemo } from "./parse-memo.js";
import { readBounded } from "./read-bounded.js";
import type { RequestGate } from "./request-gate.js";
import { parseRetryAfter } from "./retry-after.js";

/** How politely and patiently arXiv is asked. */
export interface FetchPolicy {
  /** Origin of arXiv's RSS service, e.g. `https://rss.arxiv.org`. */
  baseUrl: string;
  /** Per attempt, headers and body, milliseconds. */
  timeoutMs: number;
  /** Least time between two requests, milliseconds (arXiv asks for 3 s). */
  minIntervalMs: number;
  /** Retries after 429, 5xx, timeouts and network errors. */
  maxRetries: number;
  /** Longest `Retry-After` honoured, milliseconds; a longer one ends the attempts. */
  maxRetryAfterMs: number;
  /** User-Agent naming the deployment (default: the project's). */
  userAgent?: string;
}

/** Why a fetch failed, as data. */
export type FetchFailure =
  | { kind: "http"; status: number; message: string }
  | { kind: "timeout"; message: string }
  | { kind: "network"; message: string }
  | { kind: "parse"; message: string };

export type FeedFetchOutcome =
  | { ok: true; url: string; feed: ParsedFeed; attempts: number }
  | { ok: false; url: string; error: FetchFailure; attempts: number };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const retryable = (status: number) => status === 429 || status >= 500;

/**
 * Fetches and parses one arXiv RSS URL with timeouts and bounded, polite retries. Never throws.
 * `memo` (shared by a refresh's fetches) keeps a malformed body from being parsed twice.
 */
export async function fetchFeed(
  url: string,
  policy: FetchPolicy,
  gate: RequestGate,
  memo: ParseMemo = createParseMemo(),
): Promise<FeedFetchOutcome> {
  let attempts = 0;
  let failure: FetchFailure = { kind: "network", message: "not attempted" };
  while (attempts <= policy.maxRetries) {
    attempts++;
    await gate.wait();
    let retryAfterMs: number | undefined;
    try {
      const response = await fetch(url, {
        headers: {
          "user-agent": policy.userAgent ?? USER_AGENT,
          accept: "application/rss+xml, application/xml;q=0.9, */*;q=0.1",
        },
        signal: AbortSignal.timeout(policy.timeoutMs),
        redirect: "follow",
      });
      const bytes = await readBounded(response, MAX_FEED_SIZE);
      if (bytes === undefined) {
        // Not a passing fault: a body this size is not an arXiv feed. Stop reading, do not retry.
        failure = {
          kind: "parse",
          message: `response larger than ${MAX_FEED_SIZE} bytes: not an arXiv feed`,
        };
        break;
      }
      if (response.ok) {
        const parsed = memo.parse(bytes.toString("utf8"));
        if (parsed.ok) return { ok: true, url, feed: parsed.feed, attempts };
        failure = { kind: "parse", message: parsed.error.message };
        // A truncated or garbled body may be a passing fault, worth another try; the same body
        // again is what the server serves, and asking once more will not change it.
        if (parsed.known) break;
      } else {
        failure = {
          kind: "http",
          status: response.status,
          message: `${response.status} ${response.statusText}`.trim(),
        };
        if (!retryable(response.status)) break;
        retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
        if (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs) break;
      }
    } catch (error) {
      const name = (error as Error).name;
      failure =
        name === "TimeoutError" || name === "AbortError"
          ? { kind: "timeout", message: `no answer within ${policy.timeoutMs} ms` }
          : { kind: "network", message: describeNetworkError(error) };
    }
    if (attempts <= policy.maxRetries) await sleep(retryAfterMs ?? backoff(attempts, policy.minIntervalMs));
  }
  return { ok: false, url, error: failure, attempts };
}

/** Exponential backoff from the polite interval: 1×, 2×, 4×… */
const backoff = (attempt: number, base: number) => base * 2 ** (attempt - 1);

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? "network error";
}
