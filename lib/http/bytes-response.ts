/**
 * Responses whose body is bytes this instance already holds (a memoised body), and those bytes.
 * A Web Response can only hand its body out as a stream; the local server looks the bytes up
 * here instead and writes them to the socket itself, so a warm feed request copies nothing.
 */
const bodies = new WeakMap<Response, Uint8Array>();

/**
 * A response whose body streams `bytes` as they are: one chunk, never copied or re-encoded here
 * (a `Uint8Array` handed to `new Response` is copied; a string is encoded and checked again).
 * The bytes are shared with the memo, so whoever reads the body must not change them.
 */
export function bytesResponse(bytes: Uint8Array, init: ResponseInit): Response {
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
  const response = new Response(stream, init);
  bodies.set(response, bytes);
  return response;
}

/** The bytes of a response made by {@link bytesResponse}, or undefined for any other response. */
export const bytesOf = (response: Response): Uint8Array | undefined => bodies.get(response);
