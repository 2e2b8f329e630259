import { now } from "../lib/clock.js";
import { getSettings } from "../lib/config/settings.js";
import type { FeedbackDeps } from "../lib/feedback/deps.js";
import { pageErrorResponse } from "../lib/feedback/page-error.js";
import { removeProfileVote, serveProfilePage } from "../lib/feedback/serve-profile.js";
import { methodRoute } from "../lib/http/method-route.js";
import { getStore } from "../lib/store/instance.js";

const deps = (): FeedbackDeps => ({ settings: getSettings(), store: getStore(), now });

/** `GET /profile?token=`: a profile's likes, dislikes and feeds; `POST /profile`: remove a vote. */
export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = methodRoute(
  {
    GET: (request) => serveProfilePage(request, deps()),
    POST: (request) => removeProfileVote(request, deps()),
  },
  { onError: pageErrorResponse },
);
