import { getSettings } from "../config/settings.js";
import { ALL_FEED, type FeedSnapshot } from "../model/snapshot.js";
import { renderAtom } from "../render/atom.js";
import type { FeedView } from "../render/feed-view.js";
import { renderJsonFeed } from "../render/json-feed.js";
import { renderRss } from "../render/rss.js";
import { getStore } from "../store/instance.js";
import { feedKey } from "../store/keys.js";
import { NO_STORE, snapshotCacheControl } from "./cache-policy.js";
import { isNotModified, notModified, validatorsFor } from "./conditional.js";
import { resolveFeedName } from "./feed-name.js";
import { feedNotice } from "./feed-notice.js";
import { FEED_CONTENT_TYPES, type FeedFormat, feedPaths, feedUrls, publicOrigin } from "./feed-urls.js";
import { badRequest } from "./http-error.js";

const RENDERERS: Record<FeedFormat, (view: FeedView) => string> = {
  rss: renderRss,
  atom: renderAtom,
  json: renderJsonFeed,
};

/** Minutes a reader is told it may cache a feed (RSS `<ttl>`); ETags make polling cheap anyway. */
const TTL_MINUTES = 60;

export function parseFormat(value: string | null): FeedFormat {
  if (value === "rss" || value === "atom" || value === "json") return value;
  throw badRequest(`format must be rss, atom or json (got "${(value ?? "").slice(0, 20)}")`, { parameter: "format" });
}

/** `GET /rss/<category>` and friends: one store read, then render (or 304). */
export async function serveFeed(request: Request): Promise<Response> {
  const settings = getSettings();
  const { config } = settings;
  const url = new URL(request.url);
  const format = parseFormat(url.searchParams.get("format"));
  const name = resolveFeedName(url.searchParams.get("category"), config);
  const now = Date.now();

  const snapshot = await getStore().get<FeedSnapshot>(feedKey(name));
  const origin = publicOrigin(request, settings);
  const urls = feedUrls(origin, name);
  const label = name === ALL_FEED ? config.categories.join(", ") : name;
  const notice = feedNotice(snapshot, now);
  const view: FeedView = {
    title: `${config.site_title}: ${label}`,
    description: [`Today's arXiv papers in ${label} ranked by your keywords, with AI summaries.`, notice]
      .filter(Boolean)
      .join(" "),
    siteUrl: `${origin}/`,
    selfUrl: origin + feedPaths(name)[format],
    alternates: { rss: urls.rss, atom: urls.atom, json: urls.json },
    updated: new Date(snapshot?.generatedAt ?? now),
    language: "en",
    ttlMinutes: TTL_MINUTES,
    papers: snapshot?.papers ?? [],
  };

  const headers: Record<string, string> = {
    "content-type": FEED_CONTENT_TYPES[format],
    "cache-control": snapshot ? snapshotCacheControl(now) : NO_STORE,
    vary: "accept-encoding",
  };
  if (!snapshot) return new Response(RENDERERS[format](view), { headers });

  // The notice (weekend or not) is part of the body, so it is part of the validator.
  const validators = validatorsFor(snapshot.version, `${format}\n${name}\n${origin}\n${notice}`, new Date(snapshot.generatedAt));
  if (isNotModified(request, validators)) return notModified(validators, headers);
  return new Response(RENDERERS[format](view), {
    headers: { ...headers, etag: validators.etag, "last-modified": validators.lastModified },
  });
}
