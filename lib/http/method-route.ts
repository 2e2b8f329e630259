import { errorResponse } from "./error-response.js";
import { type RouteExports, refusal } from "./route.js";

type Handler = (request: Request) => Response | Promise<Response>;

/** The methods a {@link methodRoute} may be given handlers for. */
export type RouteHandlers = Partial<Record<"GET" | "POST" | "DELETE", Handler>>;

/** Options of {@link methodRoute}. */
export interface MethodRouteOptions {
  /** How an error becomes a response (default: the service's JSON `errorResponse`). */
  onError?: (error: unknown) => Response | Promise<Response>;
}

/**
 * A route of the methods given (the sibling of `route()` for endpoints that change state): HEAD
 * answers like GET without a body when there is a GET, OPTIONS lists the methods (no CORS: these
 * endpoints are not for other sites), other methods get 405 with `Allow`, and every error
 * becomes a clean response.
 */
export function methodRoute(handlers: RouteHandlers, options: MethodRouteOptions = {}): RouteExports {
  const onError = options.onError ?? errorResponse;
  const allow = [...(handlers.GET ? ["GET", "HEAD"] : []), ...(handlers.POST ? ["POST"] : [])];
  if (handlers.DELETE) allow.push("DELETE");
  const guard = (handler: Handler | undefined): Handler => {
    if (!handler) return refusal(allow);
    return async (request) => {
      try {
        return await handler(request);
      } catch (error) {
        return onError(error);
      }
    };
  };
  const get = guard(handlers.GET);
  return {
    GET: get,
    HEAD: handlers.GET
      ? async (request) => {
          const response = await get(new Request(request, { method: "GET" }));
          return new Response(null, { status: response.status, headers: response.headers });
        }
      : refusal(allow),
    OPTIONS: async () =>
      new Response(null, { status: 204, headers: { allow: [...allow, "OPTIONS"].join(", ") } }),
    POST: guard(handlers.POST),
    PUT: refusal(allow),
    PATCH: refusal(allow),
    DELETE: guard(handlers.DELETE),
  };
}
