import { route } from "../lib/http/route.js";
import { servePapers } from "../lib/http/serve-papers.js";

/** `GET /api/papers`: a feed's papers as JSON, filtered and paged. */
export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route(servePapers);
