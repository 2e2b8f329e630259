import { publicConfig } from "../api/public-config.js";
import { referenceConfig } from "../api/reference-shape.js";
import { getSettings } from "../config/settings.js";
import { STATIC_CACHE_CONTROL } from "./cache-policy.js";
import { TAG_STATIC } from "./cache-tags.js";
import { CONTENT_TYPES, cachedResponse } from "./cached-response.js";
import { contentValidators } from "./conditional.js";
import { wantsReferenceShape } from "./reference-path.js";

/**
 * `GET /api/config`: the effective configuration, every secret redacted; `/config` (the
 * reference bot's path) answers the configuration object itself, as the bot did.
 */
export async function serveConfig(request: Request): Promise<Response> {
  const config = publicConfig(getSettings());
  const shaped = wantsReferenceShape(request) ? referenceConfig(config) : config;
  const body = JSON.stringify(shaped, null, 2);
  return cachedResponse({
    request,
    contentType: CONTENT_TYPES.json,
    cacheControl: STATIC_CACHE_CONTROL,
    validators: contentValidators(body),
    tags: [TAG_STATIC],
    body: () => body,
  });
}
