import { createHash } from "node:crypto";
import { machineNow } from "../clock.js";
import { namedEmbeddingKeys } from "../embeddings/keys.js";
import { ALL_FEED, type RankedPaper, type SnapshotHead } from "../model/snapshot.js";
import type { MissingPaper } from "../profile/missing-paper.js";
import type { NamedPaper } from "../profile/named-paper.js";
import type { ProfileLookup } from "../profile/resolve-profile.js";
import type { ProfileLists, ResolvedLists } from "../profile/resolve-profile-lists.js";
import type { ProfileText } from "../rank/similarity/profile-rank.js";
import { NO_PROFILE, type Profile, type SimilaritySource } from "../rank/similarity/rank-with-profile.js";
import { loadOnce } from "./load-once.js";
import { limitPersonal } from "./personal-limit.js";
import type { ReadDeps } from "./read-deps.js";
import { readPoolWindow, type Served } from "./read-pool-window.js";

/** Loaded by requests that name papers only (a plain feed's cold start never loads arXiv's API client), once. */
const lookupModules = loadOnce(async () => ({
  ...(await import("../profile/profile-lookup.js")),
  ...(await import("../profile/resolve-profile-lists.js")),
}));

/** Loaded by requests ranked by named papers when embeddings are configured, once. */
const embeddingModules = loadOnce(() => import("../embeddings/request-source.js"));

/**
 * The embeddings similarity for `resolved` over the served window, or undefined (embeddings not
 * configured, or some vector missing: the local method ranks). May ask the endpoint for the
 * named papers until `deadline` (machine ms), after `beforeCall`.
 */
async function embeddingsSource(
  deps: ReadDeps,
  served: Served,
  resolved: ResolvedLists,
  deadline: number,
  beforeCall: () => Promise<void>,
): Promise<SimilaritySource | undefined> {
  if (!deps.settings.config.embeddings || !served.embeddings) return undefined;
  const { requestSource } = await embeddingModules();
  return requestSource({
    settings: deps.settings,
    store: deps.store,
    window: served.embeddings(),
    stored: resolved.extra?.values() ?? [],
    likes: resolved.like,
    dislikes: resolved.dislike,
    deadline,
    beforeCall,
    at: new Date(deps.now()).toISOString(),
  });
}

/** What a request ranks with beside its filters, and what its answer says of the named papers. */
export interface RequestProfile {
  /**
   * The head to serve (null: nothing stored). With named papers, its version also names the
   * resolved ones, so ETags, cursors and selection caches change when a missing paper resolves.
   */
  head: SnapshotHead | null;
  /** The resolved papers, for `rankPersonal` (empty: rank by the filters alone). */
  ranking: Profile;
  /** Named papers not used (yet), in the order named; a published feed's are its refresh's. */
  missing: readonly MissingPaper[];
  /**
   * True when papers are ranked by named papers: the request's, or (a published feed) config.json's
   * profile. The API's answer then lists `missing`, even empty.
   */
  named: boolean;
  /** The request was counted against the personal limit already, before it asked arXiv. */
  counted: boolean;
}

/** Short digest of the resolved papers (id and version), ETag-safe. */
function resolvedDigest(resolved: ResolvedLists): string {
  const ids = (papers: readonly NamedPaper[]) =>
    papers.map((paper) => `${paper.id}v${paper.version}`).join(",");
  return createHash("sha256")
    .update(`${ids(resolved.like)}\n${ids(resolved.dislike)}`)
    .digest("base64url")
    .slice(0, 12);
}

/**
 * The resolved papers with their vote weights (`ProfileText.weight`; named ones weigh 1), the
 * voted ones among `likes` marked `voted`, so their explanation says "you liked a similar paper".
 */
function weighted(papers: NamedPaper[], lists: ProfileLists, likes = false): ProfileText[] {
  const { weights } = lists;
  if (!weights?.size) return papers;
  return papers.map((paper) => {
    const weight = weights.get(paper.id);
    return { ...paper, weight: weight ?? 1, ...(likes && weight !== undefined && { voted: true }) };
  });
}

/** The window's papers among the ids `wanted`, by id: the papers at hand, looked up nowhere else. */
function papersAtHand(window: readonly RankedPaper[], wanted: ReadonlySet<string>): Map<string, NamedPaper> {
  const found = new Map<string, NamedPaper>();
  for (const paper of window) if (wanted.has(paper.id)) found.set(paper.id, paper);
  return found;
}

/**
 * The papers of `ids` in the combined feed's stored window (one store command), for a request
 * served another feed's: a paper liked from `all` is held even when the feed read (cs.LG) is not
 * its category. Undefined for `all` itself, whose window is the one at hand.
 */
function heldInCombined(deps: ReadDeps, served: Served): ProfileLookup["held"] {
  if (served.head.name === ALL_FEED) return undefined;
  return async (ids) => {
    const combined = await readPoolWindow(deps.store, ALL_FEED, deps.settings.config);
    return papersAtHand(combined?.papers() ?? [], new Set(ids));
  };
}

/** A published feed's profile: config.json's, ranked at the refresh, with its missing papers (maybe none). */
function publishedProfile(head: SnapshotHead | null): RequestProfile {
  const missing = head?.profileMissing;
  return { head, ranking: NO_PROFILE, missing: missing ?? [], named: missing !== undefined, counted: false };
}

/**
 * The named papers of `lists` resolved for a request served `served`, with their embeddings
 * source when configured; `countOnce` counts the request against the personal limit the first
 * time arXiv's API or the embeddings endpoint is to be asked.
 */
async function resolveForRequest(
  deps: ReadDeps,
  lists: ProfileLists,
  served: Served,
  countOnce: () => Promise<void>,
): Promise<{ resolved: ResolvedLists; source: SimilaritySource | undefined }> {
  const { settings, store } = deps;
  const started = machineNow();
  const { FEED_WAIT_BUDGET_MS, profileLookupFrom, resolveProfileLists } = await lookupModules();
  const lookup = profileLookupFrom(settings, store);
  // The named papers' vectors come in their cache's read: the window and one read in all.
  const extraKey = namedEmbeddingKeys(settings.config.embeddings);
  const named = new Set([...lists.like, ...lists.dislike].map((paper) => paper.id));
  const resolved = await resolveProfileLists(lists, {
    ...lookup,
    fetchPapers: async (ids, timeoutMs) => {
      await countOnce();
      return lookup.fetchPapers(ids, timeoutMs);
    },
    atHand: papersAtHand(served.papers(), named),
    held: heldInCombined(deps, served),
    budgetMs: FEED_WAIT_BUDGET_MS,
    ...(extraKey && { extraKey }),
  });
  const deadline = started + FEED_WAIT_BUDGET_MS;
  return { resolved, source: await embeddingsSource(deps, served, resolved, deadline, countOnce) };
}

/**
 * What a feed or API request ranks with: without `lists`, nothing (a published feed reports its
 * refresh's missing papers); with them, the named papers resolved from the served window, then
 * the store (one more read), then the combined feed's window (one more, only for a paper not
 * cached yet, which it caches), then arXiv's API within FEED_WAIT_BUDGET_MS. A request that asks
 * arXiv is counted against the personal limit first (a 429 then asks nothing). Never throws for
 * the store or arXiv: what is not resolved is `missing`, and the feed is ranked by what is known.
 */
export async function requestProfile(
  request: Request,
  deps: ReadDeps,
  lists: ProfileLists | undefined,
  served: Served | null,
): Promise<RequestProfile> {
  if (!served || !lists) return publishedProfile(served?.head ?? null);
  let counted = false;
  const countOnce = async () => {
    if (counted) return;
    counted = true;
    await limitPersonal(request, deps, false);
  };
  const { resolved, source } = await resolveForRequest(deps, lists, served, countOnce);
  const votes = lists.votesTag ? `.v${lists.votesTag}` : "";
  const method = source ? ".e" : "";
  return {
    head: { ...served.head, version: `${served.head.version}.p${resolvedDigest(resolved)}${votes}${method}` },
    ranking: {
      likes: weighted(resolved.like, lists, true),
      dislikes: weighted(resolved.dislike, lists),
      ...(source && { source }),
    },
    missing: resolved.missing,
    named: true,
    counted,
  };
}
