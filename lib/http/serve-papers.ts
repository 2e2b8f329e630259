import { CURSOR_MESSAGES } from "../api/cursor.js";
import { papersFilterKey, papersPage, selectPapers, usesPool } from "../api/papers-page.js";
import { type PapersParams, PapersParamsSchema } from "../api/params.js";
import type { Config } from "../config/schema.js";
import type { RankedPaper } from "../model/snapshot.js";
import { NO_STORE, snapshotCacheControl } from "./cache-policy.js";
import { feedTag } from "./cache-tags.js";
import { CONTENT_TYPES, cachedResponse, isCachedFor } from "./cached-response.js";
import { validatorsFor } from "./conditional.js";
import { resolveFeedName } from "./feed-name.js";
import { badRequest } from "./http-error.js";
import { createLru } from "./lru.js";
import { limitPersonal } from "./personal-limit.js";
import { parseQuery } from "./query.js";
import type { ReadDeps } from "./read-deps.js";
import { readPoolWindow, type Served, servedFeed } from "./read-pool-window.js";
import { readFeed } from "./stored-snapshots.js";

/**
 * The selection of a query, kept per snapshot version and filters on a warm instance: paging
 * through a personal query (each page its own ETag) ranks the window once, not once a page.
 */
const selections = createLru<RankedPaper[]>({
  maxEntries: 32,
  maxWeight: 40_000,
  weight: (list) => list.length,
});
const selectionKey = (version: string, filterKey: string) => `${version}\n${filterKey}`;
const selectOnce = (served: Served, filterKey: string, name: string, config: Config, params: PapersParams) =>
  selections.get(selectionKey(served.head.version, filterKey), () =>
    selectPapers({ ...served.head, papers: served.papers() }, name, config, params),
  );

/**
 * `GET /api/papers`: one page of a feed's papers, filtered. One store read: the published feed,
 * or with a personal feed's filters the pools of the feed's window re-ranked.
 */
export async function servePapers(request: Request, deps: ReadDeps): Promise<Response> {
  const { settings, store } = deps;
  const { config } = settings;
  const params = parseQuery(PapersParamsSchema, new URL(request.url).searchParams);
  const name = resolveFeedName(params.category ?? null, config);
  const pool = usesPool(params);
  const filterKey = papersFilterKey(name, params);
  const served = pool ? await readPoolWindow(store, name, config) : servedFeed(await readFeed(store, name));
  const snapshot = served?.head ?? null;
  const result = papersPage(snapshot, name, params, () =>
    served ? selectOnce(served, filterKey, name, config, params) : [],
  );
  if (!result.ok) throw badRequest(`cursor ${CURSOR_MESSAGES[result.problem]}`, { parameter: "cursor" });
  const now = deps.now();
  const validators = snapshot
    ? validatorsFor(
        settings,
        snapshot.version,
        `papers\n${filterKey}\n${params.limit}\n${params.cursor ?? ""}`,
        new Date(snapshot.generatedAt),
      )
    : undefined;
  if (pool && snapshot && validators) {
    // A further page of a ranked selection only slices it: not counted.
    const ranked = selections.has(selectionKey(snapshot.version, filterKey));
    await limitPersonal(request, settings, ranked || isCachedFor(request, validators));
  }
  return cachedResponse({
    request,
    contentType: CONTENT_TYPES.json,
    cacheControl: snapshot ? snapshotCacheControl(now) : NO_STORE,
    validators,
    tags: [feedTag(name)],
    body: () => JSON.stringify(result.build()),
  });
}
