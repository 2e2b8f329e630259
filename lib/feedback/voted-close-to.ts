import type { RankedPaper } from "../model/snapshot.js";
import type { ProfileRecord } from "./profile-record.js";

/**
 * `papers` with `closeTo.voted` set where the liked paper they are closest to is one of the
 * profile's own likes, so the explanation says "you liked a similar paper". Derived here, where
 * a profile's feed is assembled, from the record the request read anyway: the similarity module
 * knows papers, not votes. Papers close to a paper named by `like=` or config.json keep their
 * wording. Without a profile `papers` is returned as it is. Pure.
 */
export function markVotedCloseTo(
  papers: RankedPaper[],
  profile: { record: ProfileRecord } | undefined,
): RankedPaper[] {
  if (!profile) return papers;
  const liked = new Set(profile.record.votes.flatMap((vote) => (vote.vote === "like" ? [vote.id] : [])));
  if (liked.size === 0) return papers;
  return papers.map((paper) =>
    paper.closeTo && liked.has(paper.closeTo.id)
      ? { ...paper, closeTo: { ...paper.closeTo, voted: true } }
      : paper,
  );
}
