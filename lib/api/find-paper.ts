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

/**
 * Looks a paper up in the stored snapshots: the feeds that publish it, and its entry from the
 * first of them (a pool's entry when no feed keeps it). A requested version must be the stored
 * one. Pure.
 */
export function findPaper(snapshots: readonly SearchedSnapshot[], wanted: RequestedId): FoundPaper {
  let entry: { paper: RankedPaper; generatedAt: string } | undefined;
  const feeds: string[] = [];
  for (const { snapshot, published } of snapshots) {
    const paper = snapshot.papers.find((p) => p.id === wanted.id);
    if (!paper) continue;
    if (published) feeds.push(snapshot.name);
    // A feed's entry wins over a pool's; among feeds the first, unless a later one has a summary.
    if (!entry || (published && !entry.paper.summary && paper.summary)) {
      entry = { paper, generatedAt: snapshot.generatedAt };
    }
  }
  if (!entry) return { found: false, storedVersion: undefined };
  if (wanted.version !== undefined && wanted.version !== entry.paper.version) {
    return { found: false, storedVersion: entry.paper.version };
  }
  return { found: true, response: { paper: toApiPaper(entry.paper), feeds, generatedAt: entry.generatedAt } };
}
