import { categoryName } from "../api/category-names.js";
import type { CategoriesResponse } from "../api/schemas.js";
import type { Config } from "../config/schema.js";
import { feedNames, feedSources, feedTitle } from "../model/feeds.js";
import { latest } from "../model/latest.js";
import { ALL_FEED, type FeedSnapshot } from "../model/snapshot.js";
import { NO_STORE, snapshotCacheControl } from "./cache-policy.js";
import { TAG_FEEDS } from "./cache-tags.js";
import { CONTENT_TYPES, cachedResponse } from "./cached-response.js";
import { validatorsFor } from "./conditional.js";
import { feedUrls, publicOrigin } from "./feed-urls.js";
import type { ReadDeps } from "./read-deps.js";
import { readFeeds } from "./stored-snapshots.js";

type FeedInfo = CategoriesResponse["feeds"][number];

/** What the page shows of feed `name`, so it mirrors none of the server's naming rules. */
function feedInfo(name: string, config: Config, snapshot: FeedSnapshot | null, origin: string): FeedInfo {
  const combined = name === ALL_FEED;
  return {
    name,
    title: feedTitle(name, config),
    label: combined ? "All categories" : name,
    combined,
    about: combined ? feedSources(name, config).join(", ") : categoryName(name),
    count: snapshot?.papers.length ?? 0,
    announced: snapshot?.announced ?? null,
    generatedAt: snapshot?.generatedAt ?? null,
    urls: feedUrls(origin, name),
  };
}

/** `GET /api/categories`: every feed with its URLs and counts, from one multi-key read. */
export async function serveCategories(request: Request, deps: ReadDeps): Promise<Response> {
  const { settings, store } = deps;
  const { config } = settings;
  const names = feedNames(config);
  const snapshots = await readFeeds(store, names);
  const origin = publicOrigin(request, settings);
  const body: CategoriesResponse = {
    feeds: names.map((name, index) => feedInfo(name, config, snapshots[index] ?? null, origin)),
  };
  const stored = snapshots.filter((s): s is FeedSnapshot => s !== null);
  const newest = latest(stored.map((s) => s.generatedAt));
  return cachedResponse({
    request,
    contentType: CONTENT_TYPES.json,
    cacheControl: newest ? snapshotCacheControl(deps.now()) : NO_STORE,
    validators: newest
      ? validatorsFor(
          settings,
          snapshots.map((s) => s?.version ?? "-").join(","),
          `categories\n${origin}`,
          new Date(newest),
        )
      : undefined,
    tags: [TAG_FEEDS],
    body: () => JSON.stringify(body),
  });
}
