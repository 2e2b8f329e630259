/**
 * Responses whose body is bytes this instance already holds (a memoised body), and those bytes.
 * A Web Response can only hand its body out as a stream; the local server looks the bytes up
 * here instead and writes them to the socket itself, so a warm feed request copies nothing.
 */
const bodies = new WeakMap<Response, Uint8Array>();

/** Requests whose responder writes a response's memoised bytes itself (`bytesOf`): the local server's. */
const directWriters = new WeakSet<Request>();

/**
 * Marks `request` as one whose responder writes the body of a {@link bytesResponse} to the
 * socket itself, from `bytesOf`: its responses then carry no body stream (~35 µs a request).
 * Only for a responder that never reads `response.body` of such a response.
 */
export const writesBodiesItself = (request: Request): void => {
  directWriters.add(request);
};

/**
 * A response whose body streams `bytes` as they are: one chunk, never copied or re-encoded here
 * (a `Uint8Array` handed to `new Response` is copied; a string is encoded and checked again).
 * The bytes are shared with the memo, so whoever reads the body must not change them. For a
 * request marked with {@link writesBodiesItself} the response has no stream: its responder
 * writes `bytesOf(response)`.
 */
export function bytesResponse(bytes: Uint8Array, init: ResponseInit, request?: Request): Response {
  const direct = request !== undefined && directWriters.has(request);
  const response = new Response(direct ? null : streamOf(bytes), init);
  bodies.set(response, bytes);
  return response;
}

function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

/** The bytes of a response made by {@link bytesResponse}, or undefined for any other response. */
export const bytesOf = (response: Response): Uint8Array | undefined => bodies.get(response);
