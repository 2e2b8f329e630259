import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { MAX_NAME_LENGTH } from "./profile-name.js";
import type { Vote } from "./vote.js";

/**
 * Signed capabilities of the feedback feature, all HMAC-SHA256 under FEEDBACK_SECRET, base64url:
 * - a profile token, `<name>.<mac(name, nonce)>`: whoever holds it may read and tune the profile.
 *   The nonce is random per profile and stored with it, so a deleted and re-created name gets a
 *   new token and the old URLs stop working;
 * - a vote signature, `mac(token, paper id, vote)`: a vote link altered in any part is refused.
 * Each MAC has its own purpose label, so one can never be passed off as the other.
 */

/** Characters of a base64url SHA-256 MAC (32 bytes, unpadded). */
const MAC_CHARS = 43;

/** The longest profile token, characters. */
export const MAX_TOKEN_LENGTH = MAX_NAME_LENGTH + 1 + MAC_CHARS;

const TOKEN = new RegExp(`^([a-z0-9][a-z0-9-]{0,${MAX_NAME_LENGTH - 1}})\\.([A-Za-z0-9_-]{${MAC_CHARS}})$`);
const SIGNATURE = new RegExp(`^[A-Za-z0-9_-]{${MAC_CHARS}}$`);

const mac = (secret: string, purpose: string, parts: readonly string[]): string =>
  createHmac("sha256", secret)
    .update([purpose, ...parts].join("\n"))
    .digest("base64url");

/** Constant-time equality of two MACs; a length mismatch is itself a mismatch. */
function sameMac(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A fresh per-profile nonce (128 random bits, base64url). */
export const newNonce = (): string => randomBytes(16).toString("base64url");

/** The token of the profile `name` with `nonce`. */
export function profileToken(secret: string, name: string, nonce: string): string {
  return `${name}.${mac(secret, "arxiv-feeds profile token v1", [name, nonce])}`;
}

/** The profile name a well-formed token names (not yet verified), or undefined for a malformed one. */
export function tokenProfileName(token: string): string | undefined {
  if (token.length > MAX_TOKEN_LENGTH) return undefined;
  return TOKEN.exec(token)?.[1];
}

/** Whether `token` is the one issued for this profile (its name and current nonce), in constant time. */
export function verifyProfileToken(
  secret: string,
  token: string,
  profile: { name: string; nonce: string },
): boolean {
  if (tokenProfileName(token) !== profile.name) return false;
  return sameMac(token, profileToken(secret, profile.name, profile.nonce));
}

/** The signature of a vote link: profile token, paper id (without version) and vote. */
export function voteSignature(secret: string, token: string, paperId: string, vote: Vote): string {
  return mac(secret, "arxiv-feeds vote link v1", [token, paperId, vote]);
}

/** Whether `signature` signs this (token, paper id, vote), in constant time. */
export function verifyVoteSignature(
  secret: string,
  token: string,
  paperId: string,
  vote: Vote,
  signature: string,
): boolean {
  return SIGNATURE.test(signature) && sameMac(signature, voteSignature(secret, token, paperId, vote));
}
