import { route } from "../lib/http/route.js";
import { serveFeed } from "../lib/http/serve-feed.js";

/** RSS, Atom and JSON Feed of every feed (`/rss`, `/rss/<category>`, `/atom/…`, `/feed/….json`). */
export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route(serveFeed);
