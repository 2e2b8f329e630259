import { invalidateByTag } from "@vercel/functions";
import { tagsAfterRefresh } from "./cache-tags.js";

/**
 * What purging needs: `invalidateByTag` as `@vercel/functions` exports it (marks every CDN entry
 * with one of the tags stale; the next request is served stale while the CDN revalidates).
 */
export interface TagPurger {
  invalidateByTag(tags: string[]): Promise<void>;
}

/** How a purge went; a purge never fails the refresh that asked for it. */
export type PurgeOutcome =
  | { status: "invalidated"; tags: string[] }
  | { status: "skipped"; reason: string }
  | { status: "failed"; tags: string[]; error: string };

/**
 * Vercel's purge through `@vercel/functions` when running in a Vercel Function (Vercel sets
 * `VERCEL=1`), else undefined: there is no CDN to purge locally.
 */
export function vercelPurger(onVercel: boolean): TagPurger | undefined {
  return onVercel ? { invalidateByTag: (tags) => invalidateByTag(tags) } : undefined;
}

/**
 * After a refresh published `published` feeds (possibly none: the run record still changed),
 * invalidates the CDN entries built from them. Call it from the cron request, after the publish.
 */
export async function invalidateAfterRefresh(
  published: readonly string[],
  purger: TagPurger | undefined,
): Promise<PurgeOutcome> {
  if (!purger) return { status: "skipped", reason: "not running in a Vercel Function: no CDN to purge" };
  const tags = tagsAfterRefresh(published);
  try {
    await purger.invalidateByTag(tags);
    return { status: "invalidated", tags };
  } catch (error) {
    return { status: "failed", tags, error: error instanceof Error ? error.message : String(error) };
  }
}
