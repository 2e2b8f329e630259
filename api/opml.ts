import { route } from "../lib/http/route.js";
import { serveOpml } from "../lib/http/serve-opml.js";

/** `GET /feeds.opml`: every feed as an OPML subscription list. */
export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route(serveOpml);
