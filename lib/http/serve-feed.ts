import { canonicalFilterQuery, describeFilter } from "../api/filter-label.js";
import { isPersonal } from "../api/is-personal.js";
import { FeedFilterParamsSchema } from "../api/params.js";
import { PROFILE_CACHE_CONTROL } from "../feedback/feed-profile.js";
import { feedVoteLinks, readWindowWithProfile } from "../feedback/feed-window.js";
import { feedSources } from "../model/feeds.js";
import type { FeedView } from "../render/feed-view.js";
import { NO_STORE, snapshotCacheControl } from "./cache-policy.js";
import { feedTag } from "./cache-tags.js";
import { cachedResponse, isCachedFor } from "./cached-response.js";
import { validatorsFor } from "./conditional.js";
import { resolveFeedName } from "./feed-name.js";
import { feedNotice, modifiedWithSchedule } from "./feed-notice.js";
import { FEED_CONTENT_TYPES, type FeedFormat, feedPaths, publicOrigin } from "./feed-urls.js";
import { badRequest } from "./http-error.js";
import { loadOnce } from "./load-once.js";
import { limitPersonal } from "./personal-limit.js";
import { requestProfile } from "./profile-window.js";
import { parseQuery, singleParam } from "./query.js";
import type { ReadDeps } from "./read-deps.js";
import { readPublishedFeed, unfiltered } from "./read-published.js";

type Renderer = (view: FeedView) => string;

/**
 * Loaded only when a body is rendered: a plain request served from the refresh's bytes never
 * loads the renderers nor the `feed` package (cold starts, issue 13 item 5).
 */
const RENDERERS: Record<FeedFormat, () => Promise<Renderer>> = {
  rss: loadOnce(async () => (await import("../render/rss.js")).renderRss),
  atom: loadOnce(async () => (await import("../render/atom.js")).renderAtom),
  json: loadOnce(async () => (await import("../render/json-feed.js")).renderJsonFeed),
};

/** The body of `view` rendered in `format`, with its renderer loaded. */
async function renderer(format: FeedFormat, view: () => FeedView): Promise<() => string> {
  const render = await RENDERERS[format]();
  return () => render(view());
}

/** The personal ranking and its notes: loaded by personal requests only. */
const personalModules = loadOnce(async () => ({
  ...(await import("../api/personal-rank.js")),
  ...(await import("./personal-notes.js")),
}));

/** Minutes a reader is told it may cache a feed (RSS `<ttl>`); ETags make polling cheap anyway. */
const TTL_MINUTES = 60;

function parseFormat(value: string | undefined | null): FeedFormat {
  if (value === "rss" || value === "atom" || value === "json") return value;
  throw badRequest(`format must be rss, atom or json (got "${(value ?? "").slice(0, 20)}")`, {
    parameter: "format",
  });
}

/**
 * `GET /rss/<category>` and friends: one store read, then render (or 304). With filter
 * parameters (`?keywords=moe&min_score=3`) the feed is personal: re-ranked from the pools of the
 * feed's window, still one read and no arXiv or LLM call; `limit` alone shortens the published feed.
 */
export async function serveFeed(request: Request, deps: ReadDeps): Promise<Response> {
  const { settings } = deps;
  const { config } = settings;
  const url = new URL(request.url);
  const format = parseFormat(singleParam(url.searchParams, "format"));
  const name = resolveFeedName(singleParam(url.searchParams, "category") ?? null, config);
  const filter = parseQuery(FeedFilterParamsSchema, url.searchParams);
  const personal = isPersonal(filter);
  const now = deps.now();

  const published = personal
    ? undefined
    : await readPublishedFeed(request, deps, name, format, unfiltered(filter));
  const { served, feedback } = published
    ? { served: published.served, feedback: undefined }
    : await readWindowWithProfile(deps, name, filter.profile);
  const personalPart = personal ? await personalModules() : undefined;
  const lists = personalPart?.personalProfileLists(filter, config, feedback);
  const profile = await requestProfile(request, deps, lists, served);
  const snapshot = profile.head;
  const origin = publicOrigin(request, settings);
  const query = canonicalFilterQuery(filter);
  const withQuery = (path: string) => origin + path + (query ? `?${query}` : "");
  const paths = feedPaths(name);
  const label = feedSources(name, config).join(", ");
  const filterText = describeFilter(filter);
  const notice = feedNotice(snapshot, now, profile.missing);
  const limit = filter.limit ?? config.feed_max_papers;
  // Ranking (personal feeds) and rendering run only when the body is built: a 304 or a body
  // already rendered for this ETag skips both.
  const view = (): FeedView => ({
    title: `${config.site_title}: ${label}${filterText ? ` (${filterText})` : ""}`,
    description: [
      `Today's arXiv papers in ${label} ranked by your keywords, with AI summaries.`,
      ...(personalPart ? personalPart.personalNotes(filter, filterText, config, label) : []),
      notice,
    ]
      .filter(Boolean)
      .join(" "),
    siteUrl: `${origin}/`,
    selfUrl: withQuery(paths[format]),
    alternates: { rss: withQuery(paths.rss), atom: withQuery(paths.atom), json: withQuery(paths.json) },
    updated: new Date(snapshot?.generatedAt ?? now),
    language: "en",
    ttlMinutes: TTL_MINUTES,
    voteLinks: feedVoteLinks(origin, feedback),
    papers: !served
      ? []
      : personalPart
        ? personalPart.rankPersonal(served.papers(), name, config, filter, limit, profile.ranking)
        : served.papers().slice(0, limit),
  });

  // The notice (weekend or not) is part of the body, so it is part of the validator.
  const validators = snapshot
    ? validatorsFor(
        settings,
        snapshot.version,
        `${format}\n${name}\n${origin}\n${notice}\n${query}`,
        notice ? modifiedWithSchedule(new Date(snapshot.generatedAt), now) : new Date(snapshot.generatedAt),
      )
    : undefined;
  if (personal && snapshot && validators)
    await limitPersonal(request, deps, profile.counted || isCachedFor(request, validators));

  const body = published?.body ?? (await renderer(format, view));
  return cachedResponse({
    request,
    contentType: FEED_CONTENT_TYPES[format],
    cacheControl: snapshot ? (feedback ? PROFILE_CACHE_CONTROL : snapshotCacheControl(now)) : NO_STORE,
    validators,
    tags: [feedTag(name)],
    body,
  });
}
