import { parseRequestedId } from "../api/paper-id.js";
import { publicOrigin } from "../http/feed-urls.js";
import { badRequest } from "../http/http-error.js";
import { loadOnce } from "../http/load-once.js";
import { singleParam } from "../http/query.js";
import type { FeedbackDeps } from "./deps.js";
import { requireFeedbackSecret } from "./feedback-secret.js";
import { pageResponse } from "./html.js";
import { checkProfileAccess, openProfile, profileAccessError, profileParam } from "./profile-access.js";
import { profilePage } from "./profile-page.js";
import { type ProfileRecord, withoutVote } from "./profile-record.js";
import { updateProfile } from "./profile-store.js";
import { readForm } from "./request-body.js";
import { profileFeedUrls } from "./vote-links.js";
import { readWindowPapers } from "./window-papers.js";

/** The vote limiter, loaded by the first change only: opening a page (a cold start) never loads it. */
const voteLimit = loadOnce(() => import("./vote-limit.js"));

/** The profile page's query parameter (and form field) holding the token. */
const TOKEN_PARAM = "token";

function tokenOf(params: URLSearchParams): string {
  const token = profileParam(params, TOKEN_PARAM);
  if (token === undefined)
    throw badRequest("token is missing: open the profile's link exactly as it was given", {
      parameter: TOKEN_PARAM,
    });
  return token;
}

async function render(
  request: Request,
  deps: FeedbackDeps,
  record: ProfileRecord,
  token: string,
  notice?: string,
) {
  const papers = await readWindowPapers(deps.store, deps.settings.config);
  const feeds = profileFeedUrls(publicOrigin(request, deps.settings), token, deps.settings.config);
  return pageResponse(200, `Profile ${record.name}`, profilePage({ record, token, papers, feeds, notice }));
}

/** `GET /profile?token=`: what the profile liked and disliked, each removable, and its feed URLs. */
export async function serveProfilePage(request: Request, deps: FeedbackDeps): Promise<Response> {
  const secret = requireFeedbackSecret(deps.settings);
  const token = tokenOf(new URL(request.url).searchParams);
  return render(request, deps, await openProfile(deps.store, token, secret, TOKEN_PARAM), token);
}

/**
 * `POST /profile` (`token`, `id`, `action=remove`): removes the profile's vote on a paper; again,
 * changes nothing. Counted with the profile's votes against its rate limit (a 429 changes nothing).
 */
export async function removeProfileVote(request: Request, deps: FeedbackDeps): Promise<Response> {
  const secret = requireFeedbackSecret(deps.settings);
  const form = await readForm(request);
  const token = tokenOf(form);
  const text = singleParam(form, "id") ?? "";
  const id = text.length <= 40 ? parseRequestedId(text)?.id : undefined;
  if (!id) throw badRequest("id must be the arXiv id of a paper the profile voted on", { parameter: "id" });
  if ((singleParam(form, "action") ?? "remove") !== "remove")
    throw badRequest('action must be "remove"', { parameter: "action" });
  // Checked before it is counted, so a forged token cannot spend the profile's allowance.
  const { name } = await openProfile(deps.store, token, secret, TOKEN_PARAM);
  await (await voteLimit()).limitVotes(request, deps.settings, name, deps.now);
  const outcome = await updateProfile(deps.store, name, (record) => {
    const access = checkProfileAccess(secret, token, record);
    return access.ok ? withoutVote(access.record, id) : undefined;
  });
  if (!outcome) throw profileAccessError("refused", TOKEN_PARAM);
  const notice = outcome.changed
    ? `Removed the vote on ${id}: the profile's feeds no longer count it.`
    : `Nothing to remove: the profile holds no vote on ${id}; nothing changed.`;
  return render(request, deps, outcome.record, token, notice);
}
