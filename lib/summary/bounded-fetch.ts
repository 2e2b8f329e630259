import { readBounded } from "../arxiv/read-bounded.js";

/**
 * Largest answer body read from the LLM endpoint, bytes: 2,048 tokens of answer are under 50 KB
 * even escaped in JSON; a 150 MB one took 1.56 GB.
 */
export const MAX_ANSWER_BYTES = 256 * 1024;

/** An answer past the byte limit: not read further, and not worth asking again. */
export class AnswerTooLargeError extends Error {
  override readonly name = "AnswerTooLargeError";
  constructor(readonly limitBytes: number) {
    super(`answer larger than ${limitBytes} bytes`);
  }
}

/** Statuses a Response may not carry a body with. */
const NULL_BODY = new Set([101, 204, 205, 304]);

/**
 * A `fetch` for the openai SDK that reads each body itself, up to `limitBytes`, before the SDK
 * sees it: the SDK buffers a whole body, whatever its size. Past the limit it stops reading and
 * throws AnswerTooLargeError (the SDK passes it on as the `cause` of a connection error).
 */
export function boundedFetch(base: typeof fetch, limitBytes: number): typeof fetch {
  return async (input, init) => {
    const response = await base(input, init);
    const body = await readBounded(response, limitBytes);
    if (body === undefined) throw new AnswerTooLargeError(limitBytes);
    return new Response(NULL_BODY.has(response.status) ? null : new Uint8Array(body), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

/** Whether `error` is, or was caused by, an answer past the limit. */
export const isAnswerTooLarge = (error: unknown): error is Error =>
  error instanceof AnswerTooLargeError ||
  (error instanceof Error && error.cause instanceof AnswerTooLargeError);
