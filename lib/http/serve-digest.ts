import { DigestParamsSchema } from "../api/params.js";
import { feedSources, feedTitle } from "../model/feeds.js";
import type { RankedPaper, SnapshotHead } from "../model/snapshot.js";
import { renderDigest } from "../render/digest.js";
import type { VoteLinkPair } from "../render/feed-view.js";
import { NO_STORE, snapshotCacheControl } from "./cache-policy.js";
import { feedTag } from "./cache-tags.js";
import { CONTENT_TYPES, cachedResponse, isCachedFor } from "./cached-response.js";
import { validatorsFor } from "./conditional.js";
import { resolveFeedName } from "./feed-name.js";
import { loadOnce } from "./load-once.js";
import { limitPersonal } from "./personal-limit.js";
import { parseQuery } from "./query.js";
import type { ReadDeps } from "./read-deps.js";
import { readFeed } from "./stored-snapshots.js";

/** What a digest lists, from the published feed or ranked for a feedback profile. */
export interface DigestSource {
  /** The head to serve; null before the first refresh. Its version is the ETag's. */
  head: SnapshotHead | null;
  /** What else the ETag is keyed on beside the version (the feed; a profile's token and origin). */
  variant: string;
  /** The papers, best first: built only when the body is. */
  papers: () => RankedPaper[];
  /**
   * A feedback profile's digest: its vote links, its Cache-Control (private, as its feeds'), and
   * whether the request was counted against the personal limit already; `notice` names its
   * votes not used yet, as the profile's feeds do in their description.
   */
  profile?: {
    voteLinks: (paperId: string) => VoteLinkPair;
    cacheControl: string;
    counted: boolean;
    notice?: string;
  };
}

/** Loaded by `?profile=` requests only: a plain digest's cold start loads no personal ranking. */
const profileDigest = loadOnce(
  async () => (await import("../feedback/profile-digest.js")).profileDigestSource,
);

/** The published feed's snapshot as a digest lists it. One store read. */
async function publishedSource(deps: ReadDeps, name: string): Promise<DigestSource> {
  const snapshot = await readFeed(deps.store, name);
  return { head: snapshot, variant: `digest\n${name}`, papers: () => snapshot?.papers ?? [] };
}

/**
 * `GET /digest.md` (`?category=cs.LG`): a feed's papers as Markdown in the reference bot's
 * README shape, so a GitHub Action can keep publishing a README from it. One store read. With
 * `?profile=<token>` the papers are ranked by the feedback profile as its feeds are, each with
 * its vote links, privately cached (a vote shows at the next poll) and counted as a personal feed.
 */
export async function serveDigest(request: Request, deps: ReadDeps): Promise<Response> {
  const { settings } = deps;
  const { config } = settings;
  const params = parseQuery(DigestParamsSchema, new URL(request.url).searchParams);
  const name = resolveFeedName(params.category ?? null, config);
  const source =
    params.profile === undefined
      ? await publishedSource(deps, name)
      : await (await profileDigest())(request, deps, name, params.profile);
  const { head, profile } = source;
  const validators = head
    ? validatorsFor(settings, head.version, source.variant, new Date(head.generatedAt))
    : undefined;
  if (profile && validators)
    await limitPersonal(request, deps, profile.counted || isCachedFor(request, validators));
  return cachedResponse({
    request,
    contentType: CONTENT_TYPES.markdown,
    cacheControl: head ? (profile?.cacheControl ?? snapshotCacheControl(deps.now())) : NO_STORE,
    validators,
    tags: [feedTag(name)],
    body: () =>
      renderDigest({
        title: feedTitle(name, config),
        updated: new Date(head?.generatedAt ?? deps.now()),
        categories: feedSources(name, config),
        config,
        papers: source.papers(),
        limit: config.display_limit,
        voteLinks: profile?.voteLinks,
        notice: profile?.notice,
      }),
  });
}
