import { z } from "zod";
import { type FeedSnapshot, FeedSnapshotSchema, type RankedPaper } from "./snapshot.js";

/**
 * The check a reader can afford on every request, for lists of papers: an array whose first
 * entry has an id (a full parse of a 400 KB snapshot would cost more than rendering it), enough
 * that a value of another shape is a clear 503 rather than a TypeError deep in a renderer.
 */
const PapersFrameSchema = z
  .array(z.unknown())
  .refine((papers) => papers.length === 0 || typeof (papers[0] as { id?: unknown })?.id === "string");

/** Stored papers under the cheap check; the value itself is returned, not a copy. */
export const StoredPapersSchema = z.custom<RankedPaper[]>(
  (value) => PapersFrameSchema.safeParse(value).success,
);

const FeedFrameSchema = FeedSnapshotSchema.pick({ version: true, generatedAt: true }).extend({
  papers: PapersFrameSchema,
});

/** A stored feed snapshot under the cheap check (see `StoredPapersSchema`); returned as it is. */
export const StoredFeedSchema = z.custom<FeedSnapshot>((value) => FeedFrameSchema.safeParse(value).success);

/** A stored feed as the refresh reads it: the frame validated, its papers checked one by one. */
export const FeedFrameWithAnyPapersSchema = FeedSnapshotSchema.extend({ papers: z.array(z.unknown()) });
