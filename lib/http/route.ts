import { errorResponse } from "./error-response.js";
import { HttpError } from "./http-error.js";
import { liveReadDeps, type ReadDeps } from "./read-deps.js";

type Handler = (request: Request) => Response | Promise<Response>;

/** A read path handler: the request and what it reads (settings, store, clock). */
export type ReadHandler = (request: Request, deps: ReadDeps) => Response | Promise<Response>;

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

/** What a {@link route} accepts. */
const ALLOW = ["GET", "HEAD", "OPTIONS"];

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": ALLOW.join(", "),
  "access-control-allow-headers": "if-none-match, if-modified-since",
  "access-control-expose-headers": "etag, last-modified",
};

/** The methods an `api/` module may export, in the order an `Allow` header lists them. */
export const ROUTE_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

/** Handlers that only refuse their method: exported so Vercel answers 405, but not "accepted". */
const refusals = new WeakSet<Handler>();

/** 405 naming the methods a route takes, in the service's error shape. */
export function methodNotAllowed(request: Pick<Request, "method">, allow: readonly string[]): Response {
  return errorResponse(
    new HttpError(
      405,
      `${request.method} is not allowed here; use ${allow.join(" or ")}`,
      {},
      { allow: allow.join(", ") },
    ),
  );
}

/** A handler that answers 405 with `allow`, marked so {@link acceptedMethods} leaves it out. */
export function refusal(
  allow: readonly string[],
  wrap: (response: Response) => Response = (r) => r,
): Handler {
  const handler: Handler = async (request) => wrap(methodNotAllowed(request, allow));
  refusals.add(handler);
  return handler;
}

/** The methods a module's handlers accept: those it exports, less the refusals. */
export function acceptedMethods(module: Partial<Record<string, unknown>>): string[] {
  return ROUTE_METHODS.filter((method) => {
    const handler = module[method];
    return typeof handler === "function" && !refusals.has(handler as Handler);
  });
}

/**
 * Wraps a GET handler into a full route, open to cross-origin reads (feeds and the API are
 * public): HEAD answers like GET without a body, OPTIONS answers CORS preflights, other methods
 * get 405 with `Allow`, and every error becomes a clean response. `deps` is called per request,
 * inside that error handling: a broken config.json is a clean 500, not a failed module load.
 */
export function route(get: ReadHandler, deps: () => ReadDeps = liveReadDeps): RouteExports {
  const withCors = (response: Response) => {
    for (const [k, v] of Object.entries(CORS)) response.headers.set(k, v);
    return response;
  };
  const run = async (request: Request) => {
    try {
      return withCors(await get(request, deps()));
    } catch (error) {
      return withCors(errorResponse(error));
    }
  };
  const head = async (request: Request) => {
    const response = await run(new Request(request, { method: "GET" }));
    return new Response(null, { status: response.status, headers: response.headers });
  };
  const notAllowed = refusal(ALLOW, withCors);
  return {
    GET: run,
    HEAD: head,
    OPTIONS: async () => withCors(new Response(null, { status: 204, headers: { allow: ALLOW.join(", ") } })),
    POST: notAllowed,
    PUT: notAllowed,
    PATCH: notAllowed,
    DELETE: notAllowed,
  };
}
