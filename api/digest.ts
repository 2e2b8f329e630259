import { route } from "../lib/http/route.js";
import { serveDigest } from "../lib/http/serve-digest.js";

/** `GET /digest.md` (`?category=`): the day's papers as a Markdown README. */
export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route(serveDigest);
