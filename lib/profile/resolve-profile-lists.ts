import type { MissingPaper } from "./missing-paper.js";
import type { NamedPaper } from "./named-paper.js";
import type { ProfileId } from "./profile-id.js";
import { type ProfileLookup, resolveProfile } from "./resolve-profile.js";

/** The papers a reader named: ones to rank like (`like=`, `profile.like`) and unlike (`dislike=`). */
export interface ProfileLists {
  like: readonly ProfileId[];
  dislike: readonly ProfileId[];
  /** Weights (0–1] of voted papers by id (a feedback profile's, recent votes heavier); a named id weighs 1. */
  weights?: ReadonlyMap<string, number>;
  /** Names the votes the lists came from, so a request's version (ETag) changes with a vote. */
  votesTag?: string;
}

/** Both lists resolved, each in the order named; `missing` covers both, in the order named. */
export interface ResolvedLists {
  like: NamedPaper[];
  dislike: NamedPaper[];
  missing: MissingPaper[];
  /** `ResolvedProfile.extra`: with `extraKey`, the value under it of each id read from the store. */
  extra?: Map<string, unknown>;
}

/** Resolves both lists in one `resolveProfile` (one store read, one API batch for up to 50 ids). */
export async function resolveProfileLists(lists: ProfileLists, deps: ProfileLookup): Promise<ResolvedLists> {
  const all = await resolveProfile([...lists.like, ...lists.dislike], deps);
  const byId = new Map(all.papers.map((paper) => [paper.id, paper]));
  const pick = (ids: readonly ProfileId[]) =>
    [...new Set(ids.map((paper) => paper.id))].flatMap((id) => byId.get(id) ?? []);
  const { missing, extra } = all;
  return { like: pick(lists.like), dislike: pick(lists.dislike), missing, ...(extra && { extra }) };
}
