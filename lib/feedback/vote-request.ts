import { parseRequestedId } from "../api/paper-id.js";
import { badRequest, HttpError } from "../http/http-error.js";
import { singleParam } from "../http/query.js";
import { PROFILE_PARAM, profileAccessError, profileParam } from "./profile-access.js";
import { tokenProfileName, verifyVoteSignature } from "./token.js";
import { VoteSchema } from "./vote.js";
import type { VoteFields } from "./vote-page.js";

/** A vote link's fields, checked: well-formed, and signed by this deployment. */
export interface SignedVote extends VoteFields {
  /** The profile's name, from the token (the token itself is checked against the stored profile later). */
  name: string;
}

function required(params: URLSearchParams, name: string, what: string): string {
  const value = name === PROFILE_PARAM ? profileParam(params) : singleParam(params, name);
  if (value === undefined)
    throw badRequest(`${name} is missing: ${what}; open the link exactly as the feed gave it`, {
      parameter: name,
    });
  return value;
}

/** The paper id of a vote link: an arXiv id without version, as the links are signed. */
function paperId(params: URLSearchParams): string {
  const text = required(params, "id", "the paper's arXiv id");
  const parsed = text.length <= 40 ? parseRequestedId(text) : undefined;
  if (!parsed || parsed.version !== undefined || parsed.id !== text) {
    throw badRequest(
      `id must be an arXiv id without version, such as 2601.20273 (got "${text.slice(0, 40)}")`,
      {
        parameter: "id",
      },
    );
  }
  return parsed.id;
}

/**
 * The vote a link's query (GET) or its page's form (POST) carries: 400 for a missing or
 * malformed field, 403 for a signature that does not sign these fields. No store read.
 */
export function parseSignedVote(params: URLSearchParams, secret: string): SignedVote {
  const profile = required(params, PROFILE_PARAM, "the profile's token");
  const name = tokenProfileName(profile);
  if (!name) throw profileAccessError("malformed");
  const id = paperId(params);
  const vote = VoteSchema.safeParse(required(params, "vote", "like or dislike"));
  if (!vote.success) throw badRequest('vote must be "like" or "dislike"', { parameter: "vote" });
  const sig = required(params, "sig", "the link's signature");
  if (!verifyVoteSignature(secret, profile, id, vote.data, sig)) {
    throw new HttpError(
      403,
      "this vote link's signature does not match it: the link was altered; nothing was recorded",
      {
        parameter: "sig",
      },
    );
  }
  return { name, profile, id, vote: vote.data, sig };
}
