import { parseRequestedId } from "../api/paper-id.js";
import type { Config } from "../config/schema.js";
import { type FeedFormat, feedUrls } from "../http/feed-urls.js";
import { feedNames } from "../model/feeds.js";
import { ALL_FEED } from "../model/snapshot.js";
import { PROFILE_PARAM } from "./profile-access.js";
import { voteSignature } from "./token.js";
import type { Vote } from "./vote.js";

/** Public paths of the feedback pages, as routed in vercel.json. */
export const VOTE_PATH = "/vote";
export const PROFILE_PAGE_PATH = "/profile";

/** The Markdown digest's path (`?category=` names a feed other than `all`). */
const DIGEST_PATH = "/digest.md";

/** `url` with `params` added to its query. */
function withParams(url: string, params: Record<string, string>): string {
  const parsed = new URL(url);
  for (const [name, value] of Object.entries(params)) parsed.searchParams.set(name, value);
  return parsed.href;
}

/** The arXiv id without version; a RangeError for text that is none (a caller's bug). */
function bareId(paperId: string): string {
  const parsed = parseRequestedId(paperId);
  if (!parsed) throw new RangeError(`voteLinks: not an arXiv id: ${paperId.slice(0, 40)}`);
  return parsed.id;
}

/** The signed link to the page that casts `vote` on `paperId` for the profile of `token`. */
export function voteUrl(origin: string, token: string, paperId: string, vote: Vote, secret: string): string {
  const id = bareId(paperId);
  return withParams(origin + VOTE_PATH, {
    [PROFILE_PARAM]: token,
    id,
    vote,
    sig: voteSignature(secret, token, id, vote),
  });
}

/**
 * The two signed vote links of one item in a profile's feed: "More like this" (`like`) and "Less
 * like this" (`dislike`). Opening one shows a page naming the paper with a button that votes (a
 * GET never votes). `paperId` is the paper's arXiv id, with or without version.
 */
export function voteLinks(
  origin: string,
  token: string,
  paperId: string,
  secret: string,
): { like: string; dislike: string } {
  return {
    like: voteUrl(origin, token, paperId, "like", secret),
    dislike: voteUrl(origin, token, paperId, "dislike", secret),
  };
}

/** The profile's own page: what it liked and disliked, and its feed URLs. */
export const profilePageUrl = (origin: string, token: string): string =>
  withParams(origin + PROFILE_PAGE_PATH, { token });

/** One feed's URLs for a profile: its RSS, Atom and JSON Feed, and its Markdown digest. */
export type ProfileFeedUrls = { feed: string; digest: string } & Record<FeedFormat, string>;

/** Every feed's RSS, Atom, JSON Feed and Markdown digest URL, carrying `?profile=<token>`. */
export function profileFeedUrls(
  origin: string,
  token: string,
  config: Pick<Config, "categories">,
): ProfileFeedUrls[] {
  const tagged = (url: string) => withParams(url, { [PROFILE_PARAM]: token });
  return feedNames(config).map((feed) => {
    const urls = feedUrls(origin, feed);
    const digest = withParams(origin + DIGEST_PATH, feed === ALL_FEED ? {} : { category: feed });
    return {
      feed,
      rss: tagged(urls.rss),
      atom: tagged(urls.atom),
      json: tagged(urls.json),
      digest: tagged(digest),
    };
  });
}
