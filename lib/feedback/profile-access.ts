import { badRequest, HttpError } from "../http/http-error.js";
import { singleParam } from "../http/query.js";
import type { Store } from "../store/types.js";
import type { ProfileRecord } from "./profile-record.js";
import { readProfile } from "./profile-store.js";
import { MAX_TOKEN_LENGTH, tokenProfileName, verifyProfileToken } from "./token.js";

/** The feed URLs' query parameter that names a profile by its token. */
export const PROFILE_PARAM = "profile";

/**
 * A profile token checked against the stored profile: `malformed` is not a token at all,
 * `refused` is a token this deployment did not issue for a profile it holds now (forged,
 * altered, another deployment's, or its profile deleted or re-created).
 */
export type ProfileAccess =
  | { ok: true; record: ProfileRecord }
  | { ok: false; reason: "malformed" | "refused" };

/** Whether `token` opens `record` (null: no such profile). Pure; constant time in the MAC. */
export function checkProfileAccess(
  secret: string,
  token: string,
  record: ProfileRecord | null,
): ProfileAccess {
  if (!tokenProfileName(token)) return { ok: false, reason: "malformed" };
  return record && verifyProfileToken(secret, token, record)
    ? { ok: true, record }
    : { ok: false, reason: "refused" };
}

/**
 * The profile `token` opens, read now for a page or a change (feeds read it in their window's
 * command instead): one store read of `profile:<name>`, none for a malformed token, which is the
 * 400 of {@link profileAccessError} naming `parameter`; a token that opens nothing is its 403.
 */
export async function openProfile(
  store: Store,
  token: string,
  secret: string,
  parameter = PROFILE_PARAM,
): Promise<ProfileRecord> {
  const name = tokenProfileName(token);
  const access = name
    ? checkProfileAccess(secret, token, await readProfile(store, name))
    : ({ ok: false, reason: "malformed" } as const);
  if (!access.ok) throw profileAccessError(access.reason, parameter);
  return access.record;
}

/** The HTTP error of a failed access: 400 for a malformed token, 403 for a refused one. */
export function profileAccessError(reason: "malformed" | "refused", parameter = PROFILE_PARAM): HttpError {
  return reason === "malformed"
    ? badRequest(`${parameter} must be a profile token as the profile's feed URLs carry it`, { parameter })
    : new HttpError(
        403,
        "this profile link is not valid: it was altered, or its profile was deleted; ask the deployment's owner for the profile's current URLs",
        { parameter },
      );
}

/** The profile token in query parameter `parameter`, undefined when absent; a 400 when it is too long to be one. */
export function profileParam(params: URLSearchParams, parameter = PROFILE_PARAM): string | undefined {
  const token = singleParam(params, parameter);
  if (token !== undefined && token.length > MAX_TOKEN_LENGTH)
    throw profileAccessError("malformed", parameter);
  return token;
}
