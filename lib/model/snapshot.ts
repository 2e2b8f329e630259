import { z } from "zod";
import { KeywordMatchSchema, PaperSchema } from "./paper.js";
import { ProfileMissingSchema } from "./profile-missing.js";
import { CategoryLagSchema } from "./refresh-meta.js";
import { SummarySchema } from "./summary.js";

/** Why a paper ranks where it does under a profile: the liked paper it is closest to. */
export const CloseToSchema = z.object({
  /** arXiv id of the liked paper, without version. */
  id: z.string(),
  title: z.string(),
  /** Cosine similarity of the two papers, 0–1. */
  similarity: z.number(),
  /**
   * True when the liked paper is one of the reader's own votes (a feedback profile's "More like
   * this"), set where a profile's feed is assembled; absent for papers named by `like=` or config.json.
   */
  voted: z.boolean().optional(),
});
export type CloseTo = z.infer<typeof CloseToSchema>;

/**
 * A paper as published in a feed: metadata, its score, what matched, and its summary; ranked
 * with a profile (named papers), also its similarity to the profile and its nearest liked paper.
 */
export const RankedPaperSchema = PaperSchema.extend({
  score: z.number(),
  matches: z.array(KeywordMatchSchema),
  summary: SummarySchema.optional(),
  /** Cosine similarity with the profile, −1–1; absent when ranked without one. */
  similarity: z.number().optional(),
  /** The liked paper it is closest to; absent without likes or when it shares no term with any. */
  closeTo: CloseToSchema.optional(),
});
export type RankedPaper = z.infer<typeof RankedPaperSchema>;

/** Name of a feed: `all` (every configured category) or a category such as `cs.LG`. */
export const ALL_FEED = "all";

/** What one feed key holds: everything a feed request needs, so a read is one GET. */
export const FeedSnapshotSchema = z.object({
  /** Identifies the refresh that published it; changes whenever the content may have. */
  version: z.string(),
  /** ISO time of the refresh that published it. */
  generatedAt: z.string(),
  name: z.string(),
  /** The announcement this snapshot's newest papers come from (`YYYY-MM-DD`), if any. */
  announced: z.string().optional(),
  /** arXiv's `lastBuildDate` of the feed fetched, ISO, if known. */
  sourceBuiltAt: z.string().optional(),
  /** This feed's categories that arXiv left behind in the refresh that published it (its notice says so). */
  behind: z.array(CategoryLagSchema.extend({ category: z.string() })).optional(),
  /** Papers config.json's `profile` names that the refresh could not resolve (its notice says so). */
  profileMissing: z.array(ProfileMissingSchema).optional(),
  /** Top papers of the retention window, newest announcement first, then by score. */
  papers: z.array(RankedPaperSchema),
});
export type FeedSnapshot = z.infer<typeof FeedSnapshotSchema>;

/** What a snapshot says about itself, without its papers (a pool's head is stored unzipped). */
export type SnapshotHead = Omit<FeedSnapshot, "papers">;

/**
 * Every paper of one announcement day in a feed's categories (matched or not, cross-lists
 * included), scored under the configured rules. A feed keeps one pool per day of its window, so
 * personal feeds (`?keywords=`) are re-ranked from the store alone; `announced` is the pool's day.
 * Kept under their own keys so plain feed reads stay small.
 */
export type PoolSnapshot = FeedSnapshot;
