import { z } from "zod";

/** A reader's verdict on a paper: "More like this" or "Less like this". */
export const VoteSchema = z.enum(["like", "dislike"]);
export type Vote = z.infer<typeof VoteSchema>;

/** How a page names a vote. */
export const VOTE_LABELS: Record<Vote, { button: string; done: string; verb: string }> = {
  like: { button: "More like this", done: "liked", verb: "like" },
  dislike: { button: "Less like this", done: "disliked", verb: "dislike" },
};
