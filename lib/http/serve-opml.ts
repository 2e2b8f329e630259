import { OpmlParamsSchema } from "../api/params.js";
import { feedNames, feedTitle } from "../model/feeds.js";
import { renderOpml } from "../render/opml.js";
import { STATIC_CACHE_CONTROL } from "./cache-policy.js";
import { TAG_STATIC } from "./cache-tags.js";
import { CONTENT_TYPES, cachedResponse } from "./cached-response.js";
import { contentValidators } from "./conditional.js";
import { feedUrls, publicOrigin } from "./feed-urls.js";
import { parseQuery } from "./query.js";
import type { ReadDeps } from "./read-deps.js";

/**
 * `GET /feeds.opml`: every feed of the deployment as one OPML subscription list (RSS by default,
 * `?format=atom` or `json`), importable into any reader in one step. No store read.
 */
export async function serveOpml(request: Request, { settings }: ReadDeps): Promise<Response> {
  const { config } = settings;
  const { format } = parseQuery(OpmlParamsSchema, new URL(request.url).searchParams);
  const origin = publicOrigin(request, settings);
  const body = renderOpml({
    title: `${config.site_title} feeds`,
    feeds: feedNames(config).map((name) => ({
      title: feedTitle(name, config),
      xmlUrl: feedUrls(origin, name)[format],
      htmlUrl: `${origin}/`,
      type: format === "atom" ? "atom" : "rss",
    })),
  });
  return cachedResponse({
    request,
    contentType: CONTENT_TYPES.opml,
    cacheControl: STATIC_CACHE_CONTROL,
    validators: contentValidators(settings, body),
    tags: [TAG_STATIC],
    body: () => body,
  });
}
