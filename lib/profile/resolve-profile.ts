import { type ApiQueryOutcome, MAX_API_IDS } from "../arxiv/api-query.js";
import { type Clock, machineNow } from "../clock.js";
import type { Store } from "../store/types.js";
import { holdApiGate, takeApiGate } from "./api-gate.js";
import { type MissingPaper, missingPaper } from "./missing-paper.js";
import {
  type NamedCache,
  type NamedCacheWrite,
  readNamedCache,
  type TriedMarker,
  writeNamedCache,
} from "./named-cache.js";
import { type NamedPaper, toNamedPaper } from "./named-paper.js";
import type { ProfileId } from "./profile-id.js";

/** Default lifetime of a "tried recently" marker, seconds: an id that found nothing is asked again after this. */
export const DEFAULT_TRIED_TTL_SECONDS = 600;

/** Least time worth a request, ms: with less left, the ids stay pending instead. */
const MIN_CALL_MS = 500;

/** Longest failure detail kept in a marker and a notice, characters. */
const MAX_DETAIL = 200;

/** What resolving named papers needs: the store, arXiv's API, the budget and what is at hand. */
export interface ProfileLookup {
  /** Holds the cache, the markers and the deployment-wide gate. */
  store: Store;
  /** One batched API call (`fetchApiPapers`) that may take at most `timeoutMs`. */
  fetchPapers: (ids: readonly string[], timeoutMs: number) => Promise<ApiQueryOutcome>;
  /** Papers already at hand (the stored window), by canonical id: looked up nowhere else. */
  atHand?: ReadonlyMap<string, NamedPaper>;
  /**
   * The papers of `ids` the deployment holds beyond `atHand` (another feed's stored window),
   * asked for what the cache lacks, before arXiv; what it finds is cached as an API answer is.
   */
  held?: (ids: readonly string[]) => Promise<ReadonlyMap<string, NamedPaper>>;
  /** Longest this call waits on the gate and arXiv together, ms. */
  budgetMs: number;
  /** Machine clock for the budget (default `machineNow`; the gate's lock is written on it). */
  now?: Clock;
  /** Lifetime of a resolved paper in the store, seconds (the summary TTL). */
  paperTtlSeconds: number;
  /** Lifetime of a "tried recently" marker, seconds (default DEFAULT_TRIED_TTL_SECONDS). */
  triedTtlSeconds?: number;
  /** Least time between two API requests across the deployment, ms (`ARXIV_MIN_INTERVAL_MS`). */
  gateIntervalMs: number;
  /** Ask again ids whose last lookup failed (arXiv down) before their marker expires: the refresh does. */
  retryUnavailable?: boolean;
  /** A key read beside each id's cache entries, in the same command (its embedding); see `extra`. */
  extraKey?: (id: string) => string;
}

/** Named papers resolved, in the order named, and the ones that are not (yet), with why. */
export interface ResolvedProfile {
  papers: NamedPaper[];
  missing: MissingPaper[];
  /** With `extraKey` only: the value under it of each id read from the store, by id. */
  extra?: Map<string, unknown>;
}

/** What a resolution knows so far, by id. */
interface Progress {
  found: Map<string, NamedPaper>;
  missing: Map<string, MissingPaper>;
  extra: Map<string, unknown>;
}

/**
 * Turns named ids into papers: at hand first, then the store (one read for every id: cached
 * papers and "tried recently" markers), then, for ids neither known nor tried recently, arXiv's
 * API: batches of up to 50, each behind the deployment-wide gate, all within `budgetMs`. What is
 * learnt is cached (papers for the summary TTL, fruitless lookups for a short while, so no
 * request waits twice on one id); a failure deletes nothing. Never throws for the store or arXiv.
 */
export async function resolveProfile(
  ids: readonly ProfileId[],
  deps: ProfileLookup,
): Promise<ResolvedProfile> {
  const now = deps.now ?? machineNow;
  const deadline = now() + deps.budgetMs;
  const wanted = [...new Set(ids.map((paper) => paper.id))];
  const progress: Progress = { found: new Map(), missing: new Map(), extra: new Map() };
  for (const id of wanted) {
    const paper = deps.atHand?.get(id);
    if (paper) progress.found.set(id, toNamedPaper(paper));
  }
  const uncached = await fromCache(
    wanted.filter((id) => !progress.found.has(id)),
    deps,
    progress,
  );
  const toAsk = await fromHeld(uncached, deps, progress);
  for (let start = 0; start < toAsk.length; start += MAX_API_IDS) {
    await lookUp(toAsk.slice(start, start + MAX_API_IDS), { ...deps, now }, deadline, progress);
  }
  return {
    papers: wanted.flatMap((id) => progress.found.get(id) ?? []),
    missing: wanted.flatMap((id) =>
      progress.found.has(id) ? [] : [progress.missing.get(id) ?? missingPaper(id, "pending")],
    ),
    ...(deps.extraKey && { extra: progress.extra }),
  };
}

/** Settles what the store knows; returns the ids to ask arXiv for. */
async function fromCache(ids: readonly string[], deps: ProfileLookup, progress: Progress): Promise<string[]> {
  if (ids.length === 0) return [];
  let cache: NamedCache;
  try {
    cache = await readNamedCache(deps.store, ids, deps.extraKey);
  } catch {
    // Without the store there is no gate either: arXiv is not asked.
    for (const id of ids)
      progress.missing.set(id, missingPaper(id, "pending", "the store could not be read"));
    return [];
  }
  for (const [id, value] of cache.extra) progress.extra.set(id, value);
  const toAsk: string[] = [];
  for (const id of ids) {
    const paper = cache.papers.get(id);
    const marker = cache.tried.get(id);
    if (paper) progress.found.set(id, paper);
    else if (!marker || (deps.retryUnavailable && marker.reason === "unavailable")) toAsk.push(id);
    else progress.missing.set(id, missingPaper(id, marker.reason, marker.detail));
  }
  return toAsk;
}

/**
 * Settles what `deps.held` has of the ids still unresolved (to ask, or marked as tried: a held
 * paper outweighs an old marker) and caches it, so the next request finds it in the cache alone;
 * returns the ids still to ask arXiv for. A failing `held` is only slower.
 */
async function fromHeld(
  toAsk: readonly string[],
  deps: ProfileLookup,
  progress: Progress,
): Promise<string[]> {
  const unresolved = [...toAsk, ...progress.missing.keys()];
  if (!deps.held || unresolved.length === 0) return [...toAsk];
  const held = await deps.held(unresolved).catch(() => new Map<string, NamedPaper>());
  const papers = unresolved.flatMap((id) => {
    const paper = held.get(id);
    return paper ? [toNamedPaper(paper)] : [];
  });
  for (const paper of papers) {
    progress.found.set(paper.id, paper);
    progress.missing.delete(paper.id);
  }
  if (papers.length)
    await writeNamedCache(deps.store, { papers, tried: new Map() }, ttlOf(deps)).catch(() => {});
  return toAsk.filter((id) => !progress.found.has(id));
}

/** Lifetimes of what a lookup caches. */
const ttlOf = (deps: ProfileLookup) => ({
  paperTtlSeconds: deps.paperTtlSeconds,
  triedTtlSeconds: deps.triedTtlSeconds ?? DEFAULT_TRIED_TTL_SECONDS,
});

/** One batch: through the gate, one API call within the deadline, what it taught cached. */
async function lookUp(
  batch: readonly string[],
  deps: ProfileLookup & { now: Clock },
  deadline: number,
  progress: Progress,
): Promise<void> {
  const gateOptions = { intervalMs: deps.gateIntervalMs, now: deps.now };
  const gate = await takeApiGate(deps.store, gateOptions, deadline - MIN_CALL_MS);
  if (!gate.open) return markPending(batch, gate.detail, progress);
  // While this caller waited, another request went: it may have resolved some of these ids.
  const ask = gate.waited ? await fromCache(batch, deps, progress) : batch;
  if (ask.length === 0) return;
  const timeoutMs = deadline - deps.now();
  if (timeoutMs < MIN_CALL_MS) return markPending(ask, "this request's wait for arXiv ran out", progress);
  const outcome = await deps.fetchPapers(ask, timeoutMs);
  const learnt = settle(ask, outcome, progress);
  if (!outcome.ok && outcome.error.kind === "http" && [429, 503].includes(outcome.error.status)) {
    await holdApiGate(deps.store, gate.token, outcome.retryAfterMs, deps.gateIntervalMs);
  }
  // Not cached is only slower: the papers are still used, and the next request asks again.
  await writeNamedCache(deps.store, learnt, ttlOf(deps)).catch(() => {});
}

function markPending(ids: readonly string[], detail: string, progress: Progress): void {
  for (const id of ids) progress.missing.set(id, missingPaper(id, "pending", detail));
}

/** Records an API outcome in `progress`; returns what to cache. */
function settle(ask: readonly string[], outcome: ApiQueryOutcome, progress: Progress): NamedCacheWrite {
  const tried = new Map<string, TriedMarker>();
  const mark = (id: string, marker: TriedMarker) => {
    tried.set(id, marker);
    progress.missing.set(id, missingPaper(id, marker.reason, marker.detail));
  };
  if (!outcome.ok) {
    const detail = outcome.error.message.slice(0, MAX_DETAIL);
    for (const id of ask) mark(id, { reason: "unavailable", detail });
    return { papers: [], tried };
  }
  const papers = outcome.papers.map(toNamedPaper);
  for (const paper of papers) progress.found.set(paper.id, paper);
  for (const id of outcome.unknown) mark(id, { reason: "unknown" });
  for (const id of outcome.rejected) mark(id, { reason: "malformed" });
  const refused = outcome.rejected.join(", ");
  markPending(outcome.unanswered, `arXiv refused ${refused} in the same request`, progress);
  return { papers, tried };
}
