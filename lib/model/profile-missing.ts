import { z } from "zod";
import { MissingReasonSchema } from "../profile/missing-paper.js";

/**
 * A named paper a ranking could not use (yet), as stored and served: `MissingPaper`'s id, why,
 * and the sentence a notice prints.
 */
export const ProfileMissingSchema = z.object({
  /** Canonical id, `2601.20273`, or the text config.json gave when it is not an id at all. */
  id: z.string(),
  reason: MissingReasonSchema,
  /** `2601.99999: arXiv has no paper with this id`. */
  message: z.string(),
});
export type ProfileMissing = z.infer<typeof ProfileMissingSchema>;

/** What the refresh made of config.json's `profile` (`meta:refresh`): how many papers it resolved, and which not. */
export const ProfileReportSchema = z.object({
  /** Liked papers resolved and used. */
  like: z.number().int(),
  /** Disliked papers resolved and used. */
  dislike: z.number().int(),
  /** Named papers not used by this refresh, in the order named; a later refresh asks again. */
  missing: z.array(ProfileMissingSchema),
});
export type ProfileReport = z.infer<typeof ProfileReportSchema>;
