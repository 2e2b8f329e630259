import { createHash } from "node:crypto";
import type { Settings } from "../config/settings.js";
import { feedbackSecretOf, requireFeedbackSecret } from "./feedback-secret.js";
import { checkProfileAccess, profileAccessError } from "./profile-access.js";
import { type ProfileExamples, profileExamples } from "./profile-examples.js";
import { profileKey } from "./profile-keys.js";
import type { ProfileRecord } from "./profile-record.js";
import { parseStoredProfile } from "./profile-store.js";
import { tokenProfileName } from "./token.js";

/**
 * Cache-Control of a profile's feeds and pages: no shared (CDN) cache, so a vote shows in the
 * next poll (a purge per vote would cost a CDN API call each and still race the next request);
 * the reader revalidates every time, and the ETag (which names the votes) makes that a 304.
 */
export const PROFILE_CACHE_CONTROL = "private, max-age=0, must-revalidate";

/** A feed request's feedback profile, checked: what ranks it and what signs its vote links. */
export interface FeedProfile {
  /** The token as the request carried it (the vote links carry it on). */
  token: string;
  /** FEEDBACK_SECRET, for the vote links' signatures; never rendered. */
  secret: string;
  record: ProfileRecord;
  /** The votes as ranking examples, heaviest first (see `profileExamples`). */
  examples: ProfileExamples;
  /** Short digest of the current votes (ids, verdicts, times), ETag-safe: changes with every vote and undo. */
  votesTag: string;
}

/**
 * The keys a feed request reads beside its window for `token` (folded into the window's one
 * store command): the profile's record; none without a token or with feedback off (the request
 * is then refused without reading it).
 */
export function feedProfileKeys(settings: Pick<Settings, "env">, token: string | undefined): string[] {
  const name = token === undefined ? undefined : tokenProfileName(token);
  return name && feedbackSecretOf(settings) ? [profileKey(name)] : [];
}

const votesTagOf = (record: ProfileRecord): string =>
  createHash("sha256")
    .update(`${record.nonce}\n${record.votes.map((v) => `${v.id} ${v.vote} ${v.at}`).join("\n")}`)
    .digest("base64url")
    .slice(0, 12);

/**
 * The profile `token` opens, from the value read under `feedProfileKeys`: undefined without a
 * token; a 503 naming FEEDBACK_SECRET when feedback is off, 400 for a malformed token, 403 for
 * one this deployment did not issue for a profile it holds (the secret is never echoed).
 */
export function feedProfileFrom(
  settings: Pick<Settings, "env">,
  token: string | undefined,
  stored: unknown,
  nowMs: number,
): FeedProfile | undefined {
  if (token === undefined) return undefined;
  const secret = requireFeedbackSecret(settings);
  const name = tokenProfileName(token);
  if (!name) throw profileAccessError("malformed");
  const access = checkProfileAccess(secret, token, parseStoredProfile(profileKey(name), stored));
  if (!access.ok) throw profileAccessError(access.reason);
  const { record } = access;
  return { token, secret, record, examples: profileExamples(record, nowMs), votesTag: votesTagOf(record) };
}
