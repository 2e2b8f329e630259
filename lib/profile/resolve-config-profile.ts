import { missingPaper } from "./missing-paper.js";
import { type ProfileId, parseProfileId } from "./profile-id.js";
import { REFRESH_WAIT_BUDGET_MS } from "./profile-lookup.js";
import type { ProfileLookup } from "./resolve-profile.js";
import { type ResolvedLists, resolveProfileLists } from "./resolve-profile-lists.js";

/** config.json's `profile`: ids or links, as written. */
export interface ConfigProfile {
  like?: readonly string[];
  dislike?: readonly string[];
}

/** What the refresh needs beyond `profileLookupFrom`: the window's papers, another budget if wanted. */
export type ConfigProfileLookup = Omit<ProfileLookup, "budgetMs"> & { budgetMs?: number };

/**
 * The refresh's resolution of the configured profile: the same `resolveProfileLists`, with a
 * larger budget (default REFRESH_WAIT_BUDGET_MS) and ids whose last lookup failed asked again.
 * The config schema validates the ids; one it let through that does not read is reported malformed.
 */
export async function resolveConfigProfile(
  profile: ConfigProfile,
  deps: ConfigProfileLookup,
): Promise<ResolvedLists> {
  const unread: string[] = [];
  const read = (texts: readonly string[] = []): ProfileId[] =>
    texts.flatMap((text) => {
      const parsed = parseProfileId(text);
      if (!parsed) unread.push(text.slice(0, 40));
      return parsed ? [parsed] : [];
    });
  const lists = { like: read(profile.like), dislike: read(profile.dislike) };
  const resolved = await resolveProfileLists(lists, {
    ...deps,
    budgetMs: deps.budgetMs ?? REFRESH_WAIT_BUDGET_MS,
    retryUnavailable: deps.retryUnavailable ?? true,
  });
  const refused = unread.map((text) => missingPaper(text, "malformed", "not an arXiv id or link"));
  return { ...resolved, missing: [...refused, ...resolved.missing] };
}
