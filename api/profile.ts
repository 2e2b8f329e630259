import { pageErrorResponse } from "../lib/feedback/page-error.js";
import { removeProfileVote, serveProfilePage } from "../lib/feedback/serve-profile.js";
import { methodRoute } from "../lib/http/method-route.js";
import { liveReadDeps } from "../lib/http/read-deps.js";

const deps = liveReadDeps;

/** `GET /profile?token=`: a profile's likes, dislikes and feeds; `POST /profile`: remove a vote. */
export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = methodRoute(
  {
    GET: (request) => serveProfilePage(request, deps()),
    POST: (request) => removeProfileVote(request, deps()),
  },
  { onError: pageErrorResponse },
);
