import { checkCronAuth } from "../http/cron-auth.js";
import { publicOrigin } from "../http/feed-urls.js";
import { badRequest, HttpError, notFound } from "../http/http-error.js";
import { singleParam } from "../http/query.js";
import type { FeedbackDeps } from "./deps.js";
import { requireFeedbackSecret } from "./feedback-secret.js";
import { profileDocument, profileSummary } from "./profile-document.js";
import { parseProfileName } from "./profile-name.js";
import { createProfile, deleteProfile, readAllProfiles, readProfile } from "./profile-store.js";
import { readJson } from "./request-body.js";

const json = (status: number, data: unknown) =>
  new Response(JSON.stringify(data, null, 2), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
  });

/** The feedback secret, once the caller has shown `Authorization: Bearer $CRON_SECRET`. */
function authorize(request: Request, deps: FeedbackDeps): string {
  const secret = requireFeedbackSecret(deps.settings);
  const auth = checkCronAuth(request, deps.settings);
  if (!auth.ok) throw new HttpError(auth.status, auth.message);
  return secret;
}

/** `?name=` when given (validated), else undefined. */
function nameParam(request: Request): string | undefined {
  const text = singleParam(new URL(request.url).searchParams, "name");
  return text === undefined ? undefined : parseProfileName(text);
}

/** `GET /api/profiles`: every profile's summary; `?name=` exports one profile as JSON. */
export async function listOrExportProfiles(request: Request, deps: FeedbackDeps): Promise<Response> {
  const secret = authorize(request, deps);
  const name = nameParam(request);
  if (name === undefined)
    return json(200, { profiles: (await readAllProfiles(deps.store)).map(profileSummary) });
  const record = await readProfile(deps.store, name);
  if (!record) throw notFound(`no profile named "${name}"`);
  return json(
    200,
    profileDocument(record, publicOrigin(request, deps.settings), secret, deps.settings.config),
  );
}

/** `POST /api/profiles` with `{ "name": "…" }`: creates the profile and answers its feed URLs (201). */
export async function addProfile(request: Request, deps: FeedbackDeps): Promise<Response> {
  const secret = authorize(request, deps);
  const body = await readJson(request);
  if (typeof body !== "object" || body === null || !("name" in body)) {
    throw badRequest('send { "name": "<profile name>" }', { parameter: "name" });
  }
  const name = parseProfileName(body.name);
  const outcome = await createProfile(deps.store, name, deps.now());
  if (outcome.status === "exists") throw new HttpError(409, `a profile named "${name}" exists already`);
  if (outcome.status === "full") {
    throw new HttpError(409, `this deployment keeps at most ${outcome.limit} profiles; delete one first`);
  }
  return json(
    201,
    profileDocument(outcome.record, publicOrigin(request, deps.settings), secret, deps.settings.config),
  );
}

/** `DELETE /api/profiles?name=`: deletes the profile and its votes; its URLs stop working. */
export async function removeProfile(request: Request, deps: FeedbackDeps): Promise<Response> {
  authorize(request, deps);
  const name = nameParam(request);
  if (name === undefined)
    throw badRequest("name is missing: DELETE /api/profiles?name=<profile name>", { parameter: "name" });
  if (!(await deleteProfile(deps.store, name))) throw notFound(`no profile named "${name}"`);
  return json(200, { deleted: name });
}
