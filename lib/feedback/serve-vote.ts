import { HttpError, notFound } from "../http/http-error.js";
import { singleParam } from "../http/query.js";
import type { FeedbackDeps } from "./deps.js";
import { requireFeedbackSecret } from "./feedback-secret.js";
import { pageResponse } from "./html.js";
import { checkProfileAccess, profileAccessError } from "./profile-access.js";
import { currentVote, withoutVote, withVote } from "./profile-record.js";
import { readProfile, updateProfile } from "./profile-store.js";
import { readForm } from "./request-body.js";
import { type VoteResult, type VoteView, voteDonePage, votePage } from "./vote-page.js";
import { parseSignedVote, type SignedVote } from "./vote-request.js";
import { readWindowPapers } from "./window-papers.js";

/** The page's view of a signed vote: its paper as stored (404 when the deployment holds none). */
async function viewOf(vote: SignedVote, deps: FeedbackDeps): Promise<VoteView> {
  const paper = (await readWindowPapers(deps.store, deps.settings.config)).get(vote.id);
  if (!paper)
    throw notFound(
      `this deployment holds no paper ${vote.id} (it may have left the stored window); nothing was recorded`,
    );
  const { name, ...fields } = vote;
  return { name, paper, fields, profileHref: `profile?${new URLSearchParams({ token: vote.profile })}` };
}

/**
 * `GET /vote?profile=&id=&vote=&sig=`: names the paper and offers one button that posts the
 * vote. Records nothing: link prefetchers and mail scanners open links, people press buttons.
 */
export async function serveVotePage(request: Request, deps: FeedbackDeps): Promise<Response> {
  const secret = requireFeedbackSecret(deps.settings);
  const vote = parseSignedVote(new URL(request.url).searchParams, secret);
  const access = checkProfileAccess(secret, vote.profile, await readProfile(deps.store, vote.name));
  if (!access.ok) throw profileAccessError(access.reason);
  const view = await viewOf(vote, deps);
  return pageResponse(
    200,
    view.fields.vote === "like" ? "More like this" : "Less like this",
    votePage(view, currentVote(access.record, vote.id)),
  );
}

/** The form's `action`: cast the link's vote, or undo it. */
function actionOf(form: URLSearchParams): "vote" | "undo" {
  const action = singleParam(form, "action") ?? "vote";
  if (action !== "vote" && action !== "undo")
    throw new HttpError(400, 'action must be "vote" or "undo"', { parameter: "action" });
  return action;
}

/**
 * `POST /vote` (the page's button): casts the link's vote, or with `action=undo` removes it,
 * under the profile's lock. Idempotent: the same vote again, or an undo of what is not there,
 * changes nothing. A forged link is a 403 before any store access.
 */
export async function castVote(request: Request, deps: FeedbackDeps): Promise<Response> {
  const secret = requireFeedbackSecret(deps.settings);
  const form = await readForm(request);
  const vote = parseSignedVote(form, secret);
  const action = actionOf(form);
  const view = await viewOf(vote, deps);
  const outcome = await updateProfile(deps.store, vote.name, (record) => {
    const access = checkProfileAccess(secret, vote.profile, record);
    if (!access.ok) return undefined;
    return action === "vote"
      ? withVote(access.record, vote.id, vote.vote, deps.now())
      : withoutVote(access.record, vote.id, vote.vote);
  });
  if (!outcome) throw profileAccessError("refused");
  const result: VoteResult =
    action === "vote"
      ? outcome.changed
        ? "recorded"
        : "already"
      : outcome.changed
        ? "undone"
        : "nothing-to-undo";
  return pageResponse(
    200,
    result === "recorded" || result === "already" ? "Vote recorded" : "Vote undone",
    voteDonePage(view, result),
  );
}
