import type { Settings } from "../config/settings.js";
import { ALL_FEED } from "../model/snapshot.js";
import { forwardedEntries } from "./forwarded.js";

/** A feed's document formats. */
export type FeedFormat = "rss" | "atom" | "json";

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
  json: "application/feed+json; charset=utf-8",
};

/** Public paths of a feed, as routed in vercel.json. */
export function feedPaths(name: string): Record<FeedFormat, string> & { api: string } {
  const all = name === ALL_FEED;
  return {
    rss: all ? "/rss" : `/rss/${name}`,
    atom: all ? "/atom" : `/atom/${name}`,
    json: all ? "/feed.json" : `/feed/${name}.json`,
    api: all ? "/api/papers" : `/api/papers?category=${name}`,
  };
}

/** Absolute feed URLs on `origin`. */
export function feedUrls(origin: string, name: string): Record<FeedFormat | "api", string> {
  const paths = feedPaths(name);
  return {
    rss: origin + paths.rss,
    atom: origin + paths.atom,
    json: origin + paths.json,
    api: origin + paths.api,
  };
}

/**
 * A host as a Host header may name it: a DNS label sequence (underscores allowed, as container
 * names use them) or a bracketed IPv6 literal, and an optional port. No `@`, `/` or spaces, so
 * it can never smuggle credentials or a path into a URL. Linear: labels are split by dots.
 */
const HOST = /^(?:[A-Za-z0-9_-]{1,63}(?:\.[A-Za-z0-9_-]{1,63})*\.?|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

/** Whether `host` is a plain `name[:port]` with a port in range. */
export function isValidHost(host: string): boolean {
  if (host.length > 260 || !HOST.test(host)) return false;
  const port = /:(\d+)$/.exec(host)?.[1];
  return port === undefined || Number(port) <= 65535;
}

/** The variables {@link publicOrigin} reads. */
export type OriginEnv = Partial<
  Pick<
    Settings["env"],
    | "PUBLIC_BASE_URL"
    | "VERCEL"
    | "VERCEL_ENV"
    | "VERCEL_PROJECT_PRODUCTION_URL"
    | "VERCEL_URL"
    | "TRUST_PROXY"
  >
>;

/** The last value of a forwarded header: the one the trusted proxy in front wrote (earlier ones came from whoever spoke to it). */
const forwarded = (request: Request, name: string) => forwardedEntries(request, name).at(-1);

/** `proto://host` from the forwarded headers, when both are well-formed (proto defaults to the request's). */
function forwardedOrigin(request: Request, fallbackProto: string): string | undefined {
  const host = forwarded(request, "x-forwarded-host");
  const proto = forwarded(request, "x-forwarded-proto") ?? fallbackProto;
  if (!host || !isValidHost(host) || (proto !== "http" && proto !== "https")) return undefined;
  return `${proto}://${host}`;
}

/**
 * The deployment's public origin, for the absolute links in feeds (which shared caches keep):
 * 1. `PUBLIC_BASE_URL` when set;
 * 2. on Vercel production, its production domain (`VERCEL_PROJECT_PRODUCTION_URL`);
 * 3. X-Forwarded-Host/-Proto only where a proxy we trust writes them: on Vercel (its edge
 *    sets them), or when `TRUST_PROXY=1` says such a proxy is in front of the local server;
 * 4. otherwise the request's own Host (validated; the local server answers `Vary: host`), so a
 *    client can only steer links on responses cached under the host it asked for.
 */
export function publicOrigin(request: Request, settings: { env: OriginEnv }): string {
  const known = origins.get(request);
  if (known?.settings === settings) return known.origin;
  const origin = originOf(request, settings);
  origins.set(request, { settings, origin });
  return origin;
}

/** Each request's origin under the settings it was asked for with: a handler asks more than once. */
const origins = new WeakMap<Request, { settings: object; origin: string }>();

function originOf(request: Request, settings: { env: OriginEnv }): string {
  const { env } = settings;
  if (env.PUBLIC_BASE_URL) return env.PUBLIC_BASE_URL.replace(/\/+$/, "");
  const onVercel = Boolean(env.VERCEL);
  if (onVercel && env.VERCEL_ENV === "production" && env.VERCEL_PROJECT_PRODUCTION_URL)
    return `https://${env.VERCEL_PROJECT_PRODUCTION_URL}`;
  const url = new URL(request.url);
  const proto = url.protocol.replace(":", "");
  const trusted = onVercel || env.TRUST_PROXY === "1";
  const viaProxy = trusted ? forwardedOrigin(request, onVercel ? "https" : proto) : undefined;
  if (viaProxy) return viaProxy;
  if (onVercel && env.VERCEL_URL) return `https://${env.VERCEL_URL}`;
  return `${proto}://${isValidHost(url.host) ? url.host : "localhost"}`;
}
