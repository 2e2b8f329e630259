import { openApiDocument } from "../api/openapi.js";
import { publicOrigin } from "./feed-urls.js";
import type { ReadDeps } from "./read-deps.js";
import { staticJsonResponse } from "./static-json.js";

/** Documents already built, by origin (the document only names the origin as its server). */
const built = new Map<string, string>();
/** Origins remembered at most (the Host header is the client's to choose). */
const MAX_ORIGINS = 8;

/** `GET /api/openapi.json`: the OpenAPI 3.1 document, generated from the zod schemas. */
export async function serveOpenApi(request: Request, { settings }: ReadDeps): Promise<Response> {
  const origin = publicOrigin(request, settings);
  let body = built.get(origin);
  if (body === undefined) {
    body = JSON.stringify(openApiDocument(origin), null, 2);
    if (built.size < MAX_ORIGINS) built.set(origin, body);
  }
  return staticJsonResponse(request, settings, body);
}
