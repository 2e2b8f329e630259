import { route } from "../lib/http/route.js";
import { serveFilters } from "../lib/http/serve-filters.js";

/** `GET /api/filters`: the personal-feed filters with their limits, from the one schema. */
export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route(serveFilters);
