import { route } from "../lib/http/route.js";
import { servePaper } from "../lib/http/serve-paper.js";

/** `GET /api/papers/<arXiv id>` (rewritten to `/api/paper?id=`): one paper as JSON. */
export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route(servePaper);
