import { errorResponse } from "./error-response.js";
import { HttpError } from "./http-error.js";

type Handler = (request: Request) => Response | Promise<Response>;

/** The exports of an `api/` module: one function per HTTP method, as Vercel expects. */
export interface RouteExports {
  GET: Handler;
  HEAD: Handler;
  OPTIONS: Handler;
  POST: Handler;
  PUT: Handler;
  PATCH: Handler;
  DELETE: Handler;
}

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, HEAD, OPTIONS",
  "access-control-allow-headers": "if-none-match, if-modified-since",
  "access-control-expose-headers": "etag, last-modified",
};

/** 405 naming the methods a route takes, in the service's error shape. */
export function methodNotAllowed(request: Request, allow: readonly string[]): Response {
  return errorResponse(
    new HttpError(
      405,
      `${request.method} is not allowed here; use ${allow.join(" or ")}`,
      {},
      { allow: allow.join(", ") },
    ),
  );
}

/**
 * Wraps a GET handler into a full route, open to cross-origin reads (feeds and the API are
 * public): HEAD answers like GET without a body, OPTIONS answers CORS preflights, other methods
 * get 405 with `Allow`, and every error becomes a clean response.
 */
export function route(get: Handler): RouteExports {
  const withCors = (response: Response) => {
    for (const [k, v] of Object.entries(CORS)) response.headers.set(k, v);
    return response;
  };
  const run = async (request: Request) => {
    try {
      return withCors(await get(request));
    } catch (error) {
      return withCors(errorResponse(error));
    }
  };
  const head = async (request: Request) => {
    const response = await run(new Request(request, { method: "GET" }));
    return new Response(null, { status: response.status, headers: response.headers });
  };
  const notAllowed = async (request: Request) =>
    withCors(methodNotAllowed(request, ["GET", "HEAD", "OPTIONS"]));
  return {
    GET: run,
    HEAD: head,
    OPTIONS: async () =>
      withCors(new Response(null, { status: 204, headers: { allow: "GET, HEAD, OPTIONS" } })),
    POST: notAllowed,
    PUT: notAllowed,
    PATCH: notAllowed,
    DELETE: notAllowed,
  };
}
