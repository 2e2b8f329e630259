import type { CategoryAnnouncement } from "../arxiv/fetch-announcements.js";
import type { Settings } from "../config/settings.js";
import type { ProfileReport } from "../model/profile-missing.js";
import type { FeedSnapshot } from "../model/snapshot.js";
import { describeMissing, type MissingPaper, missingPaper } from "../profile/missing-paper.js";
import { writeNamedCache } from "../profile/named-cache.js";
import { type NamedPaper, toNamedPaper } from "../profile/named-paper.js";
import { parseProfileId } from "../profile/profile-id.js";
import { profileLookupFrom } from "../profile/profile-lookup.js";
import { resolveConfigProfile } from "../profile/resolve-config-profile.js";
import type { ResolvedLists } from "../profile/resolve-profile-lists.js";
import type { SimilaritySource } from "../rank/similarity/rank-with-profile.js";
import type { Store } from "../store/types.js";

/** config.json's `profile` as one refresh resolved it: what ranks the feeds, and what is missing. */
export interface RefreshProfile {
  likes: NamedPaper[];
  dislikes: NamedPaper[];
  /** Named papers not used by this run (each feed's notice names them), in the order named. */
  missing: MissingPaper[];
  /** Similarity from embeddings, when they are on (`refreshEmbeddings`); else the local one. */
  source?: SimilaritySource;
}

/** What a refresh's profile resolution reads: this run's papers and the feeds it replaces. */
export interface RefreshProfileInput {
  settings: Settings;
  store: Store;
  announcements: Readonly<Record<string, CategoryAnnouncement>>;
  previous: ReadonlyMap<string, FeedSnapshot | null>;
  log: (line: string) => void;
}

/** Every paper this run has at hand: today's announcements, then the feeds' kept papers. */
function papersAtHand(input: RefreshProfileInput, ids: ReadonlySet<string>): Map<string, NamedPaper> {
  const found = new Map<string, NamedPaper>();
  const take = (papers: readonly NamedPaper[]) => {
    for (const paper of papers) if (ids.has(paper.id) && !found.has(paper.id)) found.set(paper.id, paper);
  };
  for (const announcement of Object.values(input.announcements))
    if (announcement.status === "ok") take(announcement.papers);
  for (const feed of input.previous.values()) take(feed?.papers ?? []);
  return found;
}

/**
 * Caches the papers this run found at hand, beside those arXiv's API gave: a later run whose
 * fetch fails (or a personal feed of another category) finds them in its one store read instead
 * of asking arXiv. Best effort: not cached is only slower.
 */
async function cacheAtHand(
  input: RefreshProfileInput,
  atHand: ReadonlyMap<string, NamedPaper>,
  resolved: ResolvedLists,
): Promise<void> {
  const papers = [...resolved.like, ...resolved.dislike].filter((paper) => atHand.has(paper.id));
  if (papers.length === 0) return;
  const paperTtlSeconds = input.settings.config.summary_ttl_days * 86_400;
  await writeNamedCache(
    input.store,
    { papers: papers.map(toNamedPaper), tried: new Map() },
    { paperTtlSeconds, triedTtlSeconds: paperTtlSeconds },
  ).catch(() => {});
}

/** Every configured id as missing (pending), for a resolution that could not run at all. */
function allPending(texts: readonly string[], detail: string): MissingPaper[] {
  return texts.map((text) => missingPaper(parseProfileId(text)?.id ?? text, "pending", detail));
}

/**
 * Resolves config.json's `profile` for this run (`resolveConfigProfile`: papers at hand, then
 * ONE store read of the cache, then arXiv's API within the refresh's budget) and caches the
 * papers found at hand (one publish); undefined when the config names no papers. Called only by
 * a run that rebuilds a feed (run-refresh's similarityStep). Never fails the refresh: an error
 * leaves every id pending, and the feeds are ranked by the keywords and what did resolve.
 */
export async function resolveRefreshProfile(input: RefreshProfileInput): Promise<RefreshProfile | undefined> {
  const configured = input.settings.config.profile;
  const named = [...(configured?.like ?? []), ...(configured?.dislike ?? [])];
  if (!configured || named.length === 0) return undefined;
  const ids = new Set(named.flatMap((text) => parseProfileId(text)?.id ?? []));
  const atHand = papersAtHand(input, ids);
  let resolved: ResolvedLists;
  try {
    resolved = await resolveConfigProfile(configured, {
      ...profileLookupFrom(input.settings, input.store),
      atHand,
    });
    await cacheAtHand(input, atHand, resolved);
  } catch (error) {
    const detail = `the lookup failed: ${error instanceof Error ? error.name : "error"}`;
    resolved = { like: [], dislike: [], missing: allPending(named, detail) };
  }
  const { like, dislike, missing } = resolved;
  input.log(
    `profile: ${like.length} liked and ${dislike.length} disliked papers resolved${missing.length ? `; ${describeMissing(missing)}` : ""}`,
  );
  return { likes: like, dislikes: dislike, missing };
}

/** The run's record of its profile (`meta:refresh`'s `profile`). */
export function profileReport(profile: RefreshProfile): ProfileReport {
  return {
    like: profile.likes.length,
    dislike: profile.dislikes.length,
    missing: profile.missing.map(({ id, reason, message }) => ({ id, reason, message })),
  };
}
