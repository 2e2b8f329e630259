import { now } from "../../lib/clock.js";
import { getSettings } from "../../lib/config/settings.js";
import { invalidateAfterRefresh, vercelPurger } from "../../lib/http/cdn-purge.js";
import { checkCronAuth } from "../../lib/http/cron-auth.js";
import { errorResponse } from "../../lib/http/error-response.js";
import { HttpError } from "../../lib/http/http-error.js";
import { wantsReferenceShape } from "../../lib/http/reference-path.js";
import { inReferenceEnvelope } from "../../lib/http/reference-refresh.js";
import { refusal } from "../../lib/http/route.js";
import { runRefresh } from "../../lib/refresh/run-refresh.js";
import { getStore } from "../../lib/store/instance.js";

const json = (status: number, data: unknown) =>
  new Response(JSON.stringify(data), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
  });

/**
 * Vercel Cron calls this on weekdays after arXiv's rebuild; also callable by hand with the
 * secret, and as `/update-cache` (the reference bot's path) in the bot's envelope.
 */
export async function GET(request: Request): Promise<Response> {
  const response = await refresh(request);
  return wantsReferenceShape(request) ? inReferenceEnvelope(response, now()) : response;
}

async function refresh(request: Request): Promise<Response> {
  try {
    const settings = getSettings();
    const auth = checkCronAuth(request, settings);
    if (!auth.ok) throw new HttpError(auth.status, auth.message);
    const lines: string[] = [];
    const outcome = await runRefresh({
      settings,
      store: getStore(),
      log: (line) => {
        lines.push(line);
        console.log(`refresh: ${line}`);
      },
    });
    if (outcome.status === "busy") return json(409, { status: "busy", reason: outcome.reason });
    // Feeds are CDN-cached until the next announcement; make this run's changes visible now.
    const cdn = await invalidateAfterRefresh(outcome.published, vercelPurger(Boolean(settings.env.VERCEL)));
    console.log(`refresh: CDN ${cdn.status}${cdn.status === "skipped" ? ` (${cdn.reason})` : ""}`);
    // A run where every category failed is an error in Vercel's cron log (502: arXiv failed us);
    // the body still says what happened, and the stored feeds are untouched.
    return json(outcome.meta.status === "failed" ? 502 : 200, {
      status: outcome.meta.status,
      published: outcome.published,
      meta: outcome.meta,
      cdn,
      log: lines,
    });
  } catch (error) {
    return errorResponse(error);
  }
}

export const POST = GET;

/** Other methods (HEAD included: it must not start a refresh) are refused. */
const notAllowed = refusal(["GET", "POST"]);
export const HEAD = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
