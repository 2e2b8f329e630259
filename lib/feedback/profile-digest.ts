import { canonicalFilterQuery } from "../api/filter-label.js";
import { personalProfileLists, rankPersonal } from "../api/personal-rank.js";
import { publicOrigin } from "../http/feed-urls.js";
import { requestProfile } from "../http/profile-window.js";
import type { ReadDeps } from "../http/read-deps.js";
import type { DigestSource } from "../http/serve-digest.js";
import { describeMissing } from "../profile/missing-paper.js";
import { PROFILE_CACHE_CONTROL } from "./feed-profile.js";
import { feedVoteLinks, readWindowWithProfile } from "./feed-window.js";

/**
 * What `/digest.md?profile=<token>` lists: feed `name`'s window ranked by the profile exactly as
 * `/rss/<name>?profile=<token>` ranks it (the same filter, lists, resolution and ranking, so
 * the digest's first papers are the feed's), each paper with its vote links. The ETag is keyed
 * on the token and the origin (the links carry both); the head's version names the votes.
 * Throws the profile's 503/400/403 (see `feedProfileFrom`).
 */
export async function profileDigestSource(
  request: Request,
  deps: ReadDeps,
  name: string,
  token: string,
): Promise<DigestSource> {
  const { config } = deps.settings;
  const filter = { profile: token };
  const { served, feedback } = await readWindowWithProfile(deps, name, token);
  const profile = await requestProfile(request, deps, personalProfileLists(filter, config, feedback), served);
  const origin = publicOrigin(request, deps.settings);
  const voteLinks = feedVoteLinks(origin, feedback);
  // readWindowWithProfile answers a profile for every token it does not refuse.
  if (!voteLinks) throw new TypeError("profileDigestSource: no profile for a token");
  return {
    head: profile.head,
    variant: `digest\n${name}\n${origin}\n${canonicalFilterQuery(filter)}`,
    papers: () =>
      served
        ? rankPersonal(served.papers(), name, config, filter, config.feed_max_papers, profile.ranking)
        : [],
    profile: {
      voteLinks,
      cacheControl: PROFILE_CACHE_CONTROL,
      counted: profile.counted,
      notice: describeMissing(profile.missing),
    },
  };
}
