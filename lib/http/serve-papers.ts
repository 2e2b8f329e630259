import { CURSOR_MESSAGES } from "../api/cursor.js";
import { papersFilterKey, papersPage, selectPapers, usesPool } from "../api/papers-page.js";
import { type PapersParams, PapersParamsSchema } from "../api/params.js";
import { isPersonal, personalProfileLists } from "../api/personal-rank.js";
import type { Config } from "../config/schema.js";
import { PROFILE_CACHE_CONTROL } from "../feedback/feed-profile.js";
import { readWindowWithProfile } from "../feedback/feed-window.js";
import type { RankedPaper, SnapshotHead } from "../model/snapshot.js";
import type { Profile } from "../rank/similarity/rank-with-profile.js";
import { NO_STORE, snapshotCacheControl } from "./cache-policy.js";
import { feedTag } from "./cache-tags.js";
import { CONTENT_TYPES, cachedResponse, isCachedFor } from "./cached-response.js";
import { validatorsFor } from "./conditional.js";
import { resolveFeedName } from "./feed-name.js";
import { badRequest } from "./http-error.js";
import { createLru } from "./lru.js";
import { limitPersonal } from "./personal-limit.js";
import { requestProfile } from "./profile-window.js";
import { parseQuery } from "./query.js";
import type { ReadDeps } from "./read-deps.js";
import type { Served } from "./read-pool-window.js";
import { pageVariant, readPublishedPage } from "./read-published-page.js";

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

/**
 * What one query selects from: the head (its version names the resolved papers and the votes),
 * papers, and profile (its voted likes marked, for the explanations).
 */
interface Selection {
  head: SnapshotHead;
  served: Served;
  profile: Profile;
}

const selectOnce = (from: Selection, filterKey: string, name: string, config: Config, params: PapersParams) =>
  selections.get(selectionKey(from.head.version, filterKey), () =>
    selectPapers({ ...from.head, papers: from.served.papers() }, name, config, params, from.profile),
  );

/**
 * `GET /api/papers`: one page of a feed's papers, filtered. One store read: the published feed,
 * or with a personal feed's filters the pools of the feed's window re-ranked; papers named with
 * `like`/`dislike` (or config.json's profile) take one more read, and arXiv for those not stored.
 */
export async function servePapers(request: Request, deps: ReadDeps): Promise<Response> {
  const { settings } = deps;
  const { config } = settings;
  const params = parseQuery(PapersParamsSchema, new URL(request.url).searchParams);
  const name = resolveFeedName(params.category ?? null, config);
  const pool = usesPool(params);
  const filterKey = papersFilterKey(name, params);
  const variant = pageVariant(filterKey, params.limit, params.cursor);
  const published = pool ? undefined : await readPublishedPage(deps, name, variant);
  const { served, feedback } = published
    ? { served: published.served, feedback: undefined }
    : await readWindowWithProfile(deps, name, params.profile);
  const lists = isPersonal(params) ? personalProfileLists(params, config, feedback) : undefined;
  const profile = await requestProfile(request, deps, lists, served);
  const snapshot = profile.head;
  const result = papersPage(
    snapshot,
    name,
    params,
    () =>
      served && snapshot
        ? selectOnce({ head: snapshot, served, profile: profile.ranking }, filterKey, name, config, params)
        : [],
    profile.named ? profile.missing : undefined,
  );
  if (!result.ok) throw badRequest(`cursor ${CURSOR_MESSAGES[result.problem]}`, { parameter: "cursor" });
  const now = deps.now();
  const validators = snapshot
    ? validatorsFor(settings, snapshot.version, variant, new Date(snapshot.generatedAt))
    : undefined;
  if (pool && snapshot && validators) {
    // A further page of a ranked selection only slices it: not counted.
    const ranked = selections.has(selectionKey(snapshot.version, filterKey));
    await limitPersonal(request, deps, profile.counted || ranked || isCachedFor(request, validators));
  }
  return cachedResponse({
    request,
    contentType: CONTENT_TYPES.json,
    cacheControl: snapshot ? (feedback ? PROFILE_CACHE_CONTROL : snapshotCacheControl(now)) : NO_STORE,
    validators,
    tags: [feedTag(name)],
    body: () => published?.body?.() ?? JSON.stringify(result.build()),
  });
}
