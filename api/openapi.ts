import { route } from "../lib/http/route.js";
import { serveOpenApi } from "../lib/http/serve-openapi.js";

/** `GET /api/openapi.json` (rewritten here): the OpenAPI 3.1 document of every route. */
export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route(serveOpenApi);
