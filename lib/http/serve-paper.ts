import { findPaper, type SearchedSnapshot } from "../api/find-paper.js";
import { parseRequestedId } from "../api/paper-id.js";
import { feedNames } from "../model/feeds.js";
import { latest } from "../model/latest.js";
import { ALL_FEED, type FeedSnapshot } from "../model/snapshot.js";
import { snapshotCacheControl } from "./cache-policy.js";
import { TAG_FEEDS } from "./cache-tags.js";
import { CONTENT_TYPES, cachedResponse } from "./cached-response.js";
import { validatorsFor } from "./conditional.js";
import { badRequest, notFound } from "./http-error.js";
import { singleParam } from "./query.js";
import type { ReadDeps } from "./read-deps.js";
import { readFeedsWithWindow } from "./read-pool-window.js";

/** Longest id text looked at, characters. */
const MAX_ID_LENGTH = 100;

/**
 * `GET /api/papers/<arXiv id>`: one store read (every feed plus the combined feed's window, which
 * holds every admitted paper of the window's announcements); 404 when none has it.
 */
export async function servePaper(request: Request, deps: ReadDeps): Promise<Response> {
  const { settings, store } = deps;
  const { config } = settings;
  const text = singleParam(new URL(request.url).searchParams, "id") ?? "";
  const wanted = text.length <= MAX_ID_LENGTH ? parseRequestedId(text) : undefined;
  if (!wanted) {
    throw badRequest(
      `id must be an arXiv id such as 2604.21952, 2604.21952v2 or hep-ex/0101001 (got "${text.slice(0, 40)}")`,
      { parameter: "id" },
    );
  }
  const { feeds, window } = await readFeedsWithWindow(store, feedNames(config), ALL_FEED, config);
  const snapshots: SearchedSnapshot[] = [
    ...feeds.filter((s): s is FeedSnapshot => s !== null).map((snapshot) => ({ snapshot, published: true })),
    ...(window ? [{ snapshot: window, published: false }] : []),
  ];
  const result = findPaper(snapshots, wanted);
  if (!result.found) {
    const asked = `${wanted.id}${wanted.version ? `v${wanted.version}` : ""}`;
    throw result.storedVersion === undefined
      ? notFound(`no stored feed holds paper ${asked}`)
      : notFound(`paper ${wanted.id} is stored as v${result.storedVersion} only, not v${wanted.version}`);
  }
  const newest = latest(snapshots.map((s) => s.snapshot.generatedAt)) ?? result.response.generatedAt;
  return cachedResponse({
    request,
    contentType: CONTENT_TYPES.json,
    cacheControl: snapshotCacheControl(deps.now()),
    validators: validatorsFor(
      settings,
      snapshots.map((s) => s.snapshot.version).join(","),
      `paper\n${wanted.id}\n${wanted.version ?? ""}`,
      new Date(newest),
    ),
    tags: [TAG_FEEDS],
    body: () => JSON.stringify(result.response),
  });
}
