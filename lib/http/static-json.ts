import { STATIC_CACHE_CONTROL } from "./cache-policy.js";
import { TAG_STATIC } from "./cache-tags.js";
import { CONTENT_TYPES, cachedResponse } from "./cached-response.js";
import { contentValidators, type ShapingSettings } from "./conditional.js";

/**
 * A JSON document that changes only with a deployment (configuration, OpenAPI, filters):
 * cached like a static file, validated by its own hash and the deployment's `settings`.
 */
export function staticJsonResponse(request: Request, settings: ShapingSettings, body: string): Response {
  return cachedResponse({
    request,
    contentType: CONTENT_TYPES.json,
    cacheControl: STATIC_CACHE_CONTROL,
    validators: contentValidators(settings, body),
    tags: [TAG_STATIC],
    body: () => body,
  });
}
