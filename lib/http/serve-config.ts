import { publicConfig } from "../api/public-config.js";
import { getSettings } from "../config/settings.js";
import { STATIC_CACHE_CONTROL } from "./cache-policy.js";
import { TAG_STATIC } from "./cache-tags.js";
import { CONTENT_TYPES, cachedResponse } from "./cached-response.js";
import { contentValidators } from "./conditional.js";

/** `GET /api/config` (`/config`): the effective configuration, every secret redacted. */
export async function serveConfig(request: Request): Promise<Response> {
  const body = JSON.stringify(publicConfig(getSettings()), null, 2);
  return cachedResponse({
    request,
    contentType: CONTENT_TYPES.json,
    cacheControl: STATIC_CACHE_CONTROL,
    validators: contentValidators(body),
    tags: [TAG_STATIC],
    body: () => body,
  });
}
