import { route } from "../lib/http/route.js";
import { serveConfig } from "../lib/http/serve-config.js";

/** `GET /api/config` (`/config`): the effective configuration, secrets redacted. */
export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route(serveConfig);
