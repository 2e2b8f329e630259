/**
 * Fetches JSON from the deployment's API. Never throws for an HTTP or network failure:
 * resolves to `{ ok: true, data }` or `{ ok: false, status, message }` for the page to explain.
 */
export async function getJson(path, { signal } = {}) {
  let response;
  try {
    response = await fetch(path, { headers: { accept: "application/json" }, signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    return { ok: false, status: 0, message: "the server could not be reached (are you offline?)" };
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    // A non-JSON body (an HTML error page from a proxy, say) falls through to the status text.
  }
  if (!response.ok) {
    return { ok: false, status: response.status, message: errorMessage(body, response) };
  }
  if (body === null || typeof body !== "object") {
    return {
      ok: false,
      status: response.status,
      message: "the server answered with something other than JSON",
    };
  }
  return { ok: true, data: body };
}

/** The API's `{ error: { message } }`, or the status line. */
function errorMessage(body, response) {
  const error = body && typeof body === "object" ? body.error : undefined;
  if (typeof error === "string") return error;
  if (error && typeof error.message === "string") return error.message;
  if (body && typeof body.message === "string") return body.message;
  return `${response.status} ${response.statusText || "error"}`.trim();
}

/** The API path of `/api/papers` with the given non-empty parameters. */
export function papersPath(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  }
  const query = search.toString();
  return query ? `/api/papers?${query}` : "/api/papers";
}
