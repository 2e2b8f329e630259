import type { Settings } from "../config/settings.js";
import { ALL_FEED } from "../model/snapshot.js";

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
 * The deployment's public origin: PUBLIC_BASE_URL when set, else what the request came in on
 * (Vercel and proxies say so in X-Forwarded-Host/-Proto).
 */
export function publicOrigin(request: Request, settings: Settings): string {
  if (settings.env.PUBLIC_BASE_URL) return settings.env.PUBLIC_BASE_URL.replace(/\/+$/, "");
  const url = new URL(request.url);
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  const safeHost = host && /^[A-Za-z0-9.-]+(:\d+)?$/.test(host) ? host : url.host;
  const safeProto = proto === "http" || proto === "https" ? proto : url.protocol.replace(":", "");
  return `${safeProto}://${safeHost}`;
}
