import type { Config } from "../config/schema.js";
import type { ProfileRecord, ProfileVote } from "./profile-record.js";
import { profileToken } from "./token.js";
import { type ProfileFeedUrls, profileFeedUrls, profilePageUrl } from "./vote-links.js";

/** One line of the profile list. */
export interface ProfileSummary {
  name: string;
  createdAt: string;
  likes: number;
  dislikes: number;
  /** ISO time of the newest vote, null before the first. */
  lastVoteAt: string | null;
}

/**
 * What the management endpoint and the CLI answer for one profile (on creation and export):
 * its votes, token, page and feed URLs. Never the nonce: with the deployment's secret it is
 * the token again, and the token is given here anyway.
 */
export interface ProfileDocument {
  profile: { name: string; createdAt: string; votes: ProfileVote[] };
  token: string;
  page: string;
  feeds: ProfileFeedUrls[];
}

/** A profile's line in the list. Pure. */
export function profileSummary(record: ProfileRecord): ProfileSummary {
  const count = (kind: "like" | "dislike") => record.votes.filter((v) => v.vote === kind).length;
  const newest = record.votes.reduce<string | null>((at, v) => (at === null || v.at > at ? v.at : at), null);
  return {
    name: record.name,
    createdAt: record.createdAt,
    likes: count("like"),
    dislikes: count("dislike"),
    lastVoteAt: newest,
  };
}

/** The profile's document, with its links on `origin`. Pure. */
export function profileDocument(
  record: ProfileRecord,
  origin: string,
  secret: string,
  config: Pick<Config, "categories">,
): ProfileDocument {
  const token = profileToken(secret, record.name, record.nonce);
  return {
    profile: { name: record.name, createdAt: record.createdAt, votes: record.votes },
    token,
    page: profilePageUrl(origin, token),
    feeds: profileFeedUrls(origin, token, config),
  };
}
