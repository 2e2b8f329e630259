/** An error a client caused or should know about, with the HTTP status it maps to. */
export class HttpError extends Error {
  override readonly name = "HttpError";
  constructor(
    readonly status: number,
    message: string,
    /** Extra fields for the JSON body (e.g. `parameter`, `valid`). */
    readonly details: Record<string, unknown> = {},
    /** Extra response headers (e.g. `retry-after`). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details?: Record<string, unknown>) =>
  new HttpError(400, message, details);
export const notFound = (message: string, details?: Record<string, unknown>) =>
  new HttpError(404, message, details);
