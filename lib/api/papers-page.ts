import type { Config } from "../config/schema.js";
import type { FeedSnapshot, RankedPaper, SnapshotHead } from "../model/snapshot.js";
import type { MissingPaper } from "../profile/missing-paper.js";
import { admits } from "../rank/feed-membership.js";
import { byScoreThenId } from "../rank/rank-papers.js";
import { membershipRulesFrom } from "../rank/rules-from-config.js";
import { NO_PROFILE, type Profile } from "../rank/similarity/rank-with-profile.js";
import { hasAuthor } from "./author-match.js";
import { type CursorProblem, decodeCursor, encodeCursor } from "./cursor.js";
import { type PapersParams, PapersParamsSchema } from "./params.js";
import { isPersonal, rankPersonal } from "./personal-rank.js";
import type { PapersResponse } from "./schemas.js";
import { toApiPaper } from "./to-api-paper.js";

/**
 * True when the papers come from the window's pools: with a personal feed's filters (re-ranked
 * exactly as the feed URL with those filters would be), or with `q`, which searches everything
 * arXiv announced into the feed in the window, not only the papers the feed kept.
 */
export const usesPool = (params: PapersParams): boolean => isPersonal(params) || params.q !== undefined;

/** Every paper of the window that belongs in feed `name` (config.json's membership), best first. */
function wholeWindow(pool: readonly RankedPaper[], name: string, config: Config): RankedPaper[] {
  const membership = membershipRulesFrom(config);
  return pool.filter((paper) => admits(name, paper, membership)).sort(byScoreThenId);
}

/** Parameters that page through a selection rather than choose it; `category` is the `name`. */
const NOT_FILTERS = new Set(["category", "limit", "cursor"]);
/** Every other parameter of the API, in the schema's order: a new one joins the key by itself. */
const FILTER_KEYS = (Object.keys(PapersParamsSchema.shape) as (keyof PapersParams)[]).filter(
  (key) => !NOT_FILTERS.has(key),
);

/** The filters of a query in one fixed form (no `cursor`, no `limit`), for cursors and ETags. */
export function papersFilterKey(name: string, params: PapersParams): string {
  return JSON.stringify([name, ...FILTER_KEYS.map((key) => params[key])]);
}

function matchesText(paper: RankedPaper, q: string): boolean {
  const text = `${paper.title} ${paper.abstract}`.toLowerCase();
  return q
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((term) => text.includes(term));
}

/**
 * Every paper of the query, in order: the published feed's papers (feed order); with a personal
 * feed's filters the window's pools re-ranked like that feed (best first; by `profile` too, the
 * resolved papers of `personalProfileLists`); with `q` alone every paper of the window (best
 * first). Then `q`, `author` and `since` narrow it. Pure.
 */
export function selectPapers(
  snapshot: FeedSnapshot,
  name: string,
  config: Config,
  params: PapersParams,
  profile: Profile = NO_PROFILE,
): RankedPaper[] {
  const { q, author, since } = params;
  return basePapers(snapshot, name, config, params, profile).filter(
    (paper) =>
      (q === undefined || matchesText(paper, q)) &&
      (author === undefined || hasAuthor(paper.authors, [author])) &&
      (since === undefined || paper.announced >= since),
  );
}

/** The papers a query narrows: see `selectPapers`. */
function basePapers(
  snapshot: FeedSnapshot,
  name: string,
  config: Config,
  params: PapersParams,
  profile: Profile,
): RankedPaper[] {
  // min_score is a personal filter: rankPersonal applies it.
  if (isPersonal(params))
    return rankPersonal(snapshot.papers, name, config, params, Number.POSITIVE_INFINITY, profile);
  if (params.q !== undefined) return wholeWindow(snapshot.papers, name, config);
  return snapshot.papers;
}

export type PapersPage = { ok: true; build: () => PapersResponse } | { ok: false; problem: CursorProblem };

/**
 * One page of `GET /api/papers` from the snapshot (feed or pool window) it reads; null: none
 * stored yet; `select` gives the query's papers (`selectPapers`); `missing`, when the papers are
 * ranked by named papers, the ones not used (yet). The cursor is checked at once; the page is
 * built only when `build` is called, so a 304 or a body already rendered for this version does
 * no ranking (and unzips no pool).
 */
export function papersPage(
  snapshot: SnapshotHead | null,
  name: string,
  params: PapersParams,
  select: () => readonly RankedPaper[],
  missing?: readonly MissingPaper[],
): PapersPage {
  const named = missing
    ? { missing: missing.map(({ id, reason, message }) => ({ id, reason, message })) }
    : {};
  const source = usesPool(params) ? "pool" : "feed";
  if (!snapshot) {
    return {
      ok: true,
      build: () => ({
        feed: name,
        source,
        version: null,
        generatedAt: null,
        total: 0,
        count: 0,
        nextCursor: null,
        papers: [],
        ...named,
      }),
    };
  }
  const key = papersFilterKey(name, params);
  let offset = 0;
  if (params.cursor !== undefined) {
    const decoded = decodeCursor(params.cursor, snapshot.version, key);
    if (!decoded.ok) return decoded;
    offset = decoded.offset;
  }
  return {
    ok: true,
    build: () => {
      const all = select();
      const papers = all.slice(offset, offset + params.limit);
      const next = offset + papers.length;
      return {
        feed: name,
        source,
        version: snapshot.version,
        generatedAt: snapshot.generatedAt,
        total: all.length,
        count: papers.length,
        nextCursor: next < all.length ? encodeCursor(snapshot.version, next, key) : null,
        papers: papers.map(toApiPaper),
        ...named,
      };
    },
  };
}
