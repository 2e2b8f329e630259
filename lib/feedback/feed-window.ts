import type { ReadDeps } from "../http/read-deps.js";
import { readPoolWindowWith, type Served } from "../http/read-pool-window.js";
import { type FeedProfile, feedProfileFrom, feedProfileKeys } from "./feed-profile.js";
import { voteLinks } from "./vote-links.js";

/**
 * A personal feed's window and, with `token` (`?profile=`), its feedback profile, in the window's
 * one store command. Throws the profile's 503/400/403 (see `feedProfileFrom`).
 */
export async function readWindowWithProfile(
  deps: ReadDeps,
  name: string,
  token: string | undefined,
): Promise<{ served: Served | null; feedback?: FeedProfile }> {
  const { settings, store } = deps;
  const read = await readPoolWindowWith(store, name, settings.config, feedProfileKeys(settings, token));
  const feedback = feedProfileFrom(settings, token, read.extra[0], deps.now());
  return feedback ? { served: read.served, feedback } : { served: read.served };
}

/** The vote links of each item of a profile's feed, as `FeedView.voteLinks` takes them; undefined without a profile. */
export const feedVoteLinks = (origin: string, feedback: FeedProfile | undefined) =>
  feedback && ((paperId: string) => voteLinks(origin, feedback.token, paperId, feedback.secret));
