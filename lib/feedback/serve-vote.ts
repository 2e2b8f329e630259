import { HttpError, notFound } from "../http/http-error.js";
import { loadOnce } from "../http/load-once.js";
import { singleParam } from "../http/query.js";
import type { FeedbackDeps } from "./deps.js";
import { requireFeedbackSecret } from "./feedback-secret.js";
import { pageResponse } from "./html.js";
import { checkProfileAccess, openProfile, profileAccessError } from "./profile-access.js";
import { currentVote, type ProfileRecord, withoutVote, withVote } from "./profile-record.js";
import { updateProfile } from "./profile-store.js";
import { readForm } from "./request-body.js";
import { type VoteResult, type VoteView, voteDonePage, votePage } from "./vote-page.js";
import { findVotePaper } from "./vote-paper.js";
import { parseSignedVote, type SignedVote } from "./vote-request.js";

/** The vote limiter, loaded by the first change only: opening a page (a cold start) never loads it. */
const voteLimit = loadOnce(() => import("./vote-limit.js"));

/**
 * The page's view of a signed vote: its paper as the window, the `named:` cache or the
 * profile's own vote (in `record`, which the link opened) knows it; a 404 when none does.
 */
async function viewOf(vote: SignedVote, deps: FeedbackDeps, record: ProfileRecord): Promise<VoteView> {
  const storedVote = record.votes.find((v) => v.id === vote.id);
  const found = await findVotePaper(deps.store, deps.settings.config, vote.id, storedVote);
  if (!found)
    throw notFound(
      `this deployment knows no paper ${vote.id}: not in its stored days, nor looked up, nor voted on by this profile; nothing was recorded`,
    );
  const { name, ...fields } = vote;
  return { name, ...found, fields, profileHref: `profile?${new URLSearchParams({ token: vote.profile })}` };
}

/**
 * `GET /vote?profile=&id=&vote=&sig=`: names the paper and offers one button that posts the
 * vote. Records nothing: link prefetchers and mail scanners open links, people press buttons.
 */
export async function serveVotePage(request: Request, deps: FeedbackDeps): Promise<Response> {
  const secret = requireFeedbackSecret(deps.settings);
  const vote = parseSignedVote(new URL(request.url).searchParams, secret);
  const record = await openProfile(deps.store, vote.profile, secret);
  const view = await viewOf(vote, deps, record);
  return pageResponse(
    200,
    view.fields.vote === "like" ? "More like this" : "Less like this",
    votePage(view, currentVote(record, vote.id)),
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
 * under the profile's lock, keeping the paper's title with a vote. Idempotent: the same vote
 * again, or an undo of what is not there, changes nothing. A forged link is a 403 before any
 * store access; a link its profile no longer opens is a 403 before it is counted; past the
 * profile's or the client's rate limit, a 429 after the profile's one read, that looks nothing
 * else up, takes no lock and writes nothing.
 */
export async function castVote(request: Request, deps: FeedbackDeps): Promise<Response> {
  const secret = requireFeedbackSecret(deps.settings);
  const form = await readForm(request);
  const vote = parseSignedVote(form, secret);
  const action = actionOf(form);
  const opened = await openProfile(deps.store, vote.profile, secret);
  // Counted before the paper is looked up (up to two more store commands), so a replayed link
  // past the limit costs one read.
  await (await voteLimit()).limitVotes(request, deps.settings, vote.name, deps.now);
  const view = await viewOf(vote, deps, opened);
  const outcome = await updateProfile(deps.store, vote.name, (record) => {
    const access = checkProfileAccess(secret, vote.profile, record);
    if (!access.ok) return undefined;
    return action === "vote"
      ? withVote(access.record, vote.id, vote.vote, deps.now(), view.paper.title)
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
