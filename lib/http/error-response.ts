import { ConfigError } from "../config/errors.js";
import { StoreDataError, StoreUnavailableError } from "../store/types.js";
import { HttpError } from "./http-error.js";

/** Seconds a client should wait before retrying when the store is down. */
const STORE_RETRY_AFTER_SECONDS = 30;

const body = (status: number, message: string, details: Record<string, unknown> = {}) =>
  JSON.stringify({ error: { status, message, ...details } });

/**
 * The one place errors become HTTP responses: client errors keep their message, a store outage
 * is 503 with Retry-After, so is stored data this version cannot read, a broken config says what is broken, and anything else is a plain
 * 500 (the stack goes to the log, never to the client).
 */
export function errorResponse(error: unknown): Response {
  const headers: Record<string, string> = {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
  };
  if (error instanceof HttpError) {
    return new Response(body(error.status, error.message, error.details), {
      status: error.status,
      headers: { ...headers, ...error.headers },
    });
  }
  if (error instanceof StoreUnavailableError) {
    console.error(`store unavailable: ${error.message}`);
    return new Response(body(503, "the feed store is unreachable; try again shortly"), {
      status: 503,
      headers: { ...headers, "retry-after": String(STORE_RETRY_AFTER_SECONDS) },
    });
  }
  if (error instanceof StoreDataError) {
    console.error(`store data unreadable: ${error.message}`);
    return new Response(
      body(503, `the stored data is unreadable (${error.message}); the next refresh rewrites it`),
      { status: 503, headers: { ...headers, "retry-after": String(STORE_RETRY_AFTER_SECONDS) } },
    );
  }
  if (error instanceof ConfigError) {
    console.error(error.message);
    return new Response(body(500, `the deployment's configuration is invalid: ${error.message}`), {
      status: 500,
      headers,
    });
  }
  console.error("unexpected error:", error);
  return new Response(body(500, "internal error"), { status: 500, headers });
}
