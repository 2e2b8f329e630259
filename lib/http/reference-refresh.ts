import { referenceRefreshBody } from "../api/reference-shape.js";

type Body = Record<string, unknown> & {
  error?: { message?: string };
  reason?: string;
  published?: string[];
  status?: string;
};

/** The bot's `message`: the error's own words, or what the run published. */
function messageOf(body: Body, ok: boolean): string {
  if (body.error?.message) return body.error.message;
  if (body.reason) return body.reason;
  const published = body.published?.length ? body.published.join(", ") : "no feeds";
  return `${ok ? "cache updated" : "refresh failed"}: published ${published} (run status ${body.status ?? "unknown"})`;
}

/**
 * `/update-cache`'s answer: the cron's response with the reference bot's `status`
 * (`success`/`error`), `timestamp` and `message` in front, for every outcome (a 401 included),
 * same HTTP status and headers.
 */
export async function inReferenceEnvelope(response: Response, now: number): Promise<Response> {
  const body = (await response.json().catch(() => ({}))) as Body;
  const envelope = {
    status: response.ok ? ("success" as const) : ("error" as const),
    timestamp: new Date(now).toISOString(),
    message: messageOf(body, response.ok),
  };
  return new Response(JSON.stringify(referenceRefreshBody(body, envelope)), {
    status: response.status,
    headers: response.headers,
  });
}
