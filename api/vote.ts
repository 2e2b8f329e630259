import { pageErrorResponse } from "../lib/feedback/page-error.js";
import { castVote, serveVotePage } from "../lib/feedback/serve-vote.js";
import { methodRoute } from "../lib/http/method-route.js";
import { liveReadDeps } from "../lib/http/read-deps.js";

const deps = liveReadDeps;

/** `GET /vote?…` (a signed vote link): the page naming the paper; `POST /vote`: its button. */
export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = methodRoute(
  { GET: (request) => serveVotePage(request, deps()), POST: (request) => castVote(request, deps()) },
  { onError: pageErrorResponse },
);
