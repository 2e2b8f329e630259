import { readBounded } from "../arxiv/read-bounded.js";
import { badRequest, HttpError } from "../http/http-error.js";

/** Largest form a feedback page posts, bytes (its fields are a token, an id and a signature). */
export const MAX_FORM_BYTES = 4096;

/** Largest JSON body of the management endpoint, bytes. */
export const MAX_JSON_BYTES = 4096;

const mediaType = (request: Request) =>
  (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";

/** The body's text, at most `limit` bytes (413 past it), of media type `type` (415 otherwise). */
async function boundedText(request: Request, type: string, limit: number): Promise<string> {
  if (mediaType(request) !== type) {
    throw new HttpError(415, `send the body as ${type}`, { expected: type });
  }
  const bytes = await readBounded(new Response(request.body), limit);
  if (!bytes) throw new HttpError(413, `the body is larger than ${limit} bytes`);
  return bytes.toString("utf8");
}

/** A posted HTML form's fields. */
export async function readForm(request: Request): Promise<URLSearchParams> {
  return new URLSearchParams(await boundedText(request, "application/x-www-form-urlencoded", MAX_FORM_BYTES));
}

/** A JSON body, parsed; a 400 when it is not JSON. */
export async function readJson(request: Request): Promise<unknown> {
  const text = await boundedText(request, "application/json", MAX_JSON_BYTES);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badRequest("the body is not valid JSON");
  }
}
