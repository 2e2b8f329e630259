import { DigestParamsSchema } from "../api/params.js";
import { feedSources, feedTitle } from "../model/feeds.js";
import { renderDigest } from "../render/digest.js";
import { NO_STORE, snapshotCacheControl } from "./cache-policy.js";
import { feedTag } from "./cache-tags.js";
import { CONTENT_TYPES, cachedResponse } from "./cached-response.js";
import { validatorsFor } from "./conditional.js";
import { resolveFeedName } from "./feed-name.js";
import { parseQuery } from "./query.js";
import type { ReadDeps } from "./read-deps.js";
import { readFeed } from "./stored-snapshots.js";

/**
 * `GET /digest.md` (`?category=cs.LG`): a feed's papers as Markdown in the reference bot's
 * README shape, so a GitHub Action can keep publishing a README from it. One store read.
 */
export async function serveDigest(request: Request, deps: ReadDeps): Promise<Response> {
  const { settings, store } = deps;
  const { config } = settings;
  const params = parseQuery(DigestParamsSchema, new URL(request.url).searchParams);
  const name = resolveFeedName(params.category ?? null, config);
  const snapshot = await readFeed(store, name);
  const categories = feedSources(name, config);
  return cachedResponse({
    request,
    contentType: CONTENT_TYPES.markdown,
    cacheControl: snapshot ? snapshotCacheControl(deps.now()) : NO_STORE,
    validators: snapshot
      ? validatorsFor(settings, snapshot.version, `digest\n${name}`, new Date(snapshot.generatedAt))
      : undefined,
    tags: [feedTag(name)],
    body: () =>
      renderDigest({
        title: feedTitle(name, config),
        updated: new Date(snapshot?.generatedAt ?? deps.now()),
        categories,
        config,
        papers: snapshot?.papers ?? [],
        limit: config.display_limit,
      }),
  });
}
