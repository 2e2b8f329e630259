import { route } from "../lib/http/route.js";
import { serveCategories } from "../lib/http/serve-categories.js";

/** `GET /api/categories`: every feed with its URLs and counts. */
export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route(serveCategories);
