import { addProfile, listOrExportProfiles, removeProfile } from "../lib/feedback/serve-profiles.js";
import { methodRoute } from "../lib/http/method-route.js";
import { liveReadDeps } from "../lib/http/read-deps.js";

const deps = liveReadDeps;

/**
 * Managing named profiles, with `Authorization: Bearer $CRON_SECRET`: `POST {"name"}` creates
 * one (answers its feed URLs), `GET` lists, `GET ?name=` exports, `DELETE ?name=` deletes.
 */
export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = methodRoute({
  GET: (request) => listOrExportProfiles(request, deps()),
  POST: (request) => addProfile(request, deps()),
  DELETE: (request) => removeProfile(request, deps()),
});
