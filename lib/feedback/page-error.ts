import { errorResponse } from "../http/error-response.js";
import { html, pageResponse } from "./html.js";

const TITLES: Record<number, string> = {
  400: "This link is incomplete",
  403: "This link is not valid",
  404: "Paper not found",
  413: "Request too large",
  415: "Unsupported form",
  429: "Too many votes",
  503: "Not available right now",
};

/**
 * An error as a page, for people who opened a link in a browser: status, message and headers
 * (Retry-After) as the one error mapping gives them (`errorResponse`), shown as HTML.
 */
export async function pageErrorResponse(error: unknown): Promise<Response> {
  const json = errorResponse(error);
  const body = (await json.json().catch(() => ({}))) as { error?: { message?: unknown } };
  const message = typeof body.error?.message === "string" ? body.error.message : "internal error";
  const title = TITLES[json.status] ?? (json.status >= 500 ? "Something went wrong" : "Request refused");
  const retry = json.headers.get("retry-after");
  return pageResponse(
    json.status,
    title,
    html`<section class="card"><h1>${title}</h1><p>${message}</p></section>`,
    retry ? { "retry-after": retry } : {},
  );
}
