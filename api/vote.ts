import { now } from "../lib/clock.js";
import { getSettings } from "../lib/config/settings.js";
import type { FeedbackDeps } from "../lib/feedback/deps.js";
import { pageErrorResponse } from "../lib/feedback/page-error.js";
import { castVote, serveVotePage } from "../lib/feedback/serve-vote.js";
import { methodRoute } from "../lib/http/method-route.js";
import { getStore } from "../lib/store/instance.js";

const deps = (): FeedbackDeps => ({ settings: getSettings(), store: getStore(), now });

/** `GET /vote?…` (a signed vote link): the page naming the paper; `POST /vote`: its button. */
export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = methodRoute(
  { GET: (request) => serveVotePage(request, deps()), POST: (request) => castVote(request, deps()) },
  { onError: pageErrorResponse },
);
