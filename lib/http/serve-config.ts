import { publicConfig } from "../api/public-config.js";
import { referenceConfig } from "../api/reference-shape.js";
import type { ReadDeps } from "./read-deps.js";
import { wantsReferenceShape } from "./reference-path.js";
import { staticJsonResponse } from "./static-json.js";

/**
 * `GET /api/config`: the effective configuration, every secret redacted; `/config` (the
 * reference bot's path) answers the configuration object itself, as the bot did.
 */
export async function serveConfig(request: Request, { settings }: ReadDeps): Promise<Response> {
  const config = publicConfig(settings);
  const shaped = wantsReferenceShape(request) ? referenceConfig(config) : config;
  const body = JSON.stringify(shaped, null, 2);
  return staticJsonResponse(request, settings, body);
}
