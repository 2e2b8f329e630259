import type { ProfileRecord } from "./profile-record.js";

/**
 * Half-life of a vote's weight, days: a vote counts 1 when cast, 1/2 after 30 days, 1/4 after
 * 60. Research interests drift over months, and a reader's latest votes say most about them.
 */
export const VOTE_HALF_LIFE_DAYS = 30;

const DAY_MS = 86_400_000;

/** A paper the ranking should move towards (like) or away from (dislike), and how strongly (0–1]. */
export interface WeightedExample {
  /** arXiv id without version. */
  id: string;
  weight: number;
}

/** A profile's votes as the ranking takes them. */
export interface ProfileExamples {
  like: WeightedExample[];
  dislike: WeightedExample[];
}

/** `2^(-age / half-life)`; a vote stamped in the future (a skewed clock) counts 1. */
export const voteWeight = (atMs: number, nowMs: number): number =>
  2 ** (-Math.max(0, nowMs - atMs) / (VOTE_HALF_LIFE_DAYS * DAY_MS));

/**
 * The profile's likes and dislikes with their weights at `nowMs`, heaviest (newest) first, so a
 * ranking that takes only its first N examples takes the most recent. Pure.
 */
export function profileExamples(record: ProfileRecord, nowMs: number): ProfileExamples {
  const examples: ProfileExamples = { like: [], dislike: [] };
  for (const vote of record.votes) {
    examples[vote.vote].push({ id: vote.id, weight: voteWeight(Date.parse(vote.at), nowMs) });
  }
  const heaviestFirst = (a: WeightedExample, b: WeightedExample) => b.weight - a.weight;
  return { like: examples.like.sort(heaviestFirst), dislike: examples.dislike.sort(heaviestFirst) };
}
