import type { FeedSnapshot, RankedPaper } from "../model/snapshot.js";
import type { RequestedId } from "./paper-id.js";
import type { PaperResponse } from "./schemas.js";
import { toApiPaper } from "./to-api-paper.js";

/** A stored snapshot and whether it is a published feed (or a pool). */
export interface SearchedSnapshot {
  snapshot: FeedSnapshot;
  published: boolean;
}

export type FoundPaper =
  | { found: true; response: PaperResponse }
  | { found: false; storedVersion: number | undefined };

/** Which stored entry answers: the newest version, then one with a summary, then a feed's. */
const rank = (e: { paper: RankedPaper; published: boolean }) =>
  e.paper.version * 4 + (e.paper.summary ? 2 : 0) + (e.published ? 1 : 0);

/**
 * Looks a paper up in the stored snapshots: the feeds that publish it, and its newest stored
 * version's entry (at equal versions a feed's over a pool's, one with a summary over one
 * without). A requested version must be the stored one. Pure.
 */
export function findPaper(snapshots: readonly SearchedSnapshot[], wanted: RequestedId): FoundPaper {
  let entry: { paper: RankedPaper; generatedAt: string; published: boolean } | undefined;
  const feeds: string[] = [];
  for (const { snapshot, published } of snapshots) {
    const paper = snapshot.papers.find((p) => p.id === wanted.id);
    if (!paper) continue;
    if (published) feeds.push(snapshot.name);
    const candidate = { paper, generatedAt: snapshot.generatedAt, published };
    if (!entry || rank(candidate) > rank(entry)) entry = candidate;
  }
  if (!entry) return { found: false, storedVersion: undefined };
  if (wanted.version !== undefined && wanted.version !== entry.paper.version) {
    return { found: false, storedVersion: entry.paper.version };
  }
  return { found: true, response: { paper: toApiPaper(entry.paper), feeds, generatedAt: entry.generatedAt } };
}
