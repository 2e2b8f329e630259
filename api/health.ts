import { route } from "../lib/http/route.js";
import { serveHealth } from "../lib/http/serve-health.js";

/** `GET /api/health` (`/health`): last refresh, arXiv's schedule, counts, LLM use. */
export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route(serveHealth);
