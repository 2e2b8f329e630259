import { FeedFilterParamsSchema, FILTERS, type FilterName } from "../api/filters.js";
import { queryParameters } from "../api/openapi-parts.js";
import type { FiltersResponse } from "../api/schemas.js";
import type { ReadDeps } from "./read-deps.js";
import { staticJsonResponse } from "./static-json.js";

/** The personal-feed filters as the OpenAPI document gives them, and whether each is personal. */
export function filtersResponse(): FiltersResponse {
  return {
    filters: queryParameters(FeedFilterParamsSchema).map(({ name, description, schema }) => ({
      name,
      personal: FILTERS[name as FilterName].personal,
      description: description ?? "",
      schema,
    })),
  };
}

let body: string | undefined;

/** `GET /api/filters`: what a builder needs to write a personal feed's URL (limits included). */
export async function serveFilters(request: Request, { settings }: ReadDeps): Promise<Response> {
  body ??= JSON.stringify(filtersResponse());
  return staticJsonResponse(request, settings, body);
}
