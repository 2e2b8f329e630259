import { z } from "zod";
import { foldWhitespace, truncate } from "../render/truncate.js";
import { ProfileNameSchema } from "./profile-name.js";
import { type Vote, VoteSchema } from "./vote.js";

/**
 * Votes a profile keeps; past it the oldest are dropped. At ~65 bytes each plus a title (~90
 * characters on average, at most {@link VOTE_TITLE_CHARS}) the record stays under ~200 KB.
 */
export const MAX_VOTES = 1000;

/** Characters of a paper's title a vote keeps, so its pages can name a paper the deployment no longer holds. */
export const VOTE_TITLE_CHARS = 120;

/** One current vote: the paper (arXiv id without version), the verdict, and when it was cast. */
export const ProfileVoteSchema = z.object({
  id: z.string().min(1).max(40),
  vote: VoteSchema,
  /** ISO time the vote was cast. */
  at: z.iso.datetime(),
  /**
   * The paper's title when the vote was cast (cut at VOTE_TITLE_CHARS code points, so up to
   * twice as many UTF-16 units, and an ellipsis); absent on votes stored before titles were kept.
   */
  title: z
    .string()
    .max(2 * VOTE_TITLE_CHARS + 1)
    .optional(),
});
export type ProfileVote = z.infer<typeof ProfileVoteSchema>;

/**
 * A named profile as stored under `profile:<name>`. `votes` holds at most one vote per paper id,
 * oldest first, at most {@link MAX_VOTES}. `nonce` makes the profile's token (see token.ts).
 */
export const ProfileRecordSchema = z.object({
  name: ProfileNameSchema,
  /** ISO time the profile was created. */
  createdAt: z.iso.datetime(),
  nonce: z.string().min(16).max(64),
  votes: z.array(ProfileVoteSchema),
});
export type ProfileRecord = z.infer<typeof ProfileRecordSchema>;

/** A record after a change, and whether anything changed (a replayed vote or undo changes nothing). */
export interface ProfileChange {
  record: ProfileRecord;
  changed: boolean;
}

/** A new profile without votes. */
export function newProfileRecord(name: string, createdAtMs: number, nonce: string): ProfileRecord {
  return { name, createdAt: new Date(createdAtMs).toISOString(), nonce, votes: [] };
}

/** The profile's current vote on paper `id`, if any. */
export const currentVote = (record: ProfileRecord, id: string): Vote | undefined =>
  record.votes.find((v) => v.id === id)?.vote;

/** The title a vote keeps: whitespace folded, cut at {@link VOTE_TITLE_CHARS} code points. */
const keptTitle = (title: string): string => truncate(foldWhitespace(title), VOTE_TITLE_CHARS, "…");

/**
 * `record` with `vote` as its one vote on paper `id` (titled `title`, kept so the pages can
 * name the paper after it left the window). The same vote again changes nothing (it keeps its
 * time); the other vote replaces it and counts as new. Past {@link MAX_VOTES} the oldest votes
 * are dropped. Pure.
 */
export function withVote(
  record: ProfileRecord,
  id: string,
  vote: Vote,
  atMs: number,
  title?: string,
): ProfileChange {
  if (currentVote(record, id) === vote) return { record, changed: false };
  const others = record.votes.filter((v) => v.id !== id);
  const cast: ProfileVote = { id, vote, at: new Date(atMs).toISOString() };
  if (title) cast.title = keptTitle(title);
  const votes = [...others, cast].slice(-MAX_VOTES);
  return { record: { ...record, votes }, changed: true };
}

/**
 * `record` without its vote on paper `id`; with `only`, just when that vote is `only` (an undo of
 * a like leaves a later dislike alone). Removing what is not there changes nothing. Pure.
 */
export function withoutVote(record: ProfileRecord, id: string, only?: Vote): ProfileChange {
  const current = currentVote(record, id);
  if (current === undefined || (only !== undefined && current !== only)) return { record, changed: false };
  return { record: { ...record, votes: record.votes.filter((v) => v.id !== id) }, changed: true };
}
