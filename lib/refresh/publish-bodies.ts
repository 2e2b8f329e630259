import { randomBytes } from "node:crypto";
import { isSkipDay } from "../arxiv/schedule.js";
import type { Settings } from "../config/settings.js";
import { deploymentFingerprint } from "../http/conditional.js";
import { weekendNotice } from "../http/feed-notice.js";
import type { FeedFormat } from "../http/feed-urls.js";
import type { ReadDeps } from "../http/read-deps.js";
import { firstPageVariant } from "../http/read-published-page.js";
import { isPlainText, packBody, RENDERED_SHAPE, type RenderedBody } from "../http/rendered-body.js";
import { serveFeed } from "../http/serve-feed.js";
import { servePapers } from "../http/serve-papers.js";
import type { FeedSnapshot } from "../model/snapshot.js";
import { feedKey, renderedKey } from "../store/keys.js";
import { createMemoryStore } from "../store/memory.js";

const FORMATS: readonly FeedFormat[] = ["rss", "atom", "json"];
const DAY_MS = 86_400_000;

/** The first instant from `now` on that arXiv has no announcement (a Saturday or Sunday). */
function nextSkipDay(now: number): number {
  let time = now;
  while (!isSkipDay(time)) time += DAY_MS;
  return time;
}

/**
 * The settings a body is rendered under: these, but every link on the placeholder host the
 * request names (no PUBLIC_BASE_URL, no platform or proxy origin).
 */
const onRequestHost = (settings: Settings): Settings => ({
  ...settings,
  env: { ...settings.env, PUBLIC_BASE_URL: undefined, VERCEL: undefined, TRUST_PROXY: undefined },
});

/** What a body needs besides itself: its head, and what it was rendered under. */
type Frame = Omit<RenderedBody, "gzip" | "origin" | "weekend" | "variant">;

/** The three feed documents of one snapshot, each rendered once on the placeholder origin at a weekend time. */
async function feedBodies(deps: ReadDeps, name: string, frame: Frame, origin: string, weekendAt: number) {
  const weekend = weekendNotice(weekendAt);
  const out: Record<string, RenderedBody> = {};
  for (const format of FORMATS) {
    const url = `${origin}/api/feed?format=${format}&category=${encodeURIComponent(name)}`;
    const response = await serveFeed(new Request(url), deps);
    const text = await response.text();
    // Served only where the request-time splice is exact: the notice once, after a space.
    if (response.status !== 200 || !isPlainText(weekend) || text.split(` ${weekend}`).length !== 2) continue;
    out[renderedKey(name, format)] = { ...frame, origin, weekend, variant: null, gzip: packBody(text) };
  }
  return out;
}

/** The first page of `/api/papers` for the feed. */
async function pageBody(deps: ReadDeps, name: string, frame: Frame, origin: string) {
  const url = `${origin}/api/papers?category=${encodeURIComponent(name)}`;
  const response = await servePapers(new Request(url), deps);
  const text = await response.text();
  if (response.status !== 200) return {};
  const body: RenderedBody = {
    ...frame,
    origin: null,
    weekend: null,
    variant: firstPageVariant(name),
    gzip: packBody(text),
  };
  return { [renderedKey(name, "papers")]: body };
}

/**
 * The finished bodies of the feeds a refresh publishes (`feeds`, by name), to publish with
 * them: each feed's RSS, Atom and JSON Feed documents and the first page of its papers. Each is
 * rendered once, by the read path's own handlers from the snapshot as a reader would read it,
 * on a placeholder origin and at the next weekend time (`now` on): a request splices in its
 * own origin and removes or replaces the weekend notice (`readPublishedFeed`), so the bytes
 * equal what rendering that request would give, on every host and day.
 */
export async function renderedBodies(
  settings: Settings,
  feeds: ReadonlyMap<string, FeedSnapshot>,
  now: number,
): Promise<Record<string, RenderedBody>> {
  const origin = `http://axf-origin-${randomBytes(8).toString("hex")}.invalid`;
  const weekendAt = nextSkipDay(now);
  const rendering = onRequestHost(settings);
  const out: Record<string, RenderedBody> = {};
  for (const [name, snapshot] of feeds) {
    const store = createMemoryStore();
    await store.set(feedKey(name), snapshot);
    const { papers: _papers, ...head } = snapshot;
    const frame: Frame = {
      shape: RENDERED_SHAPE,
      head,
      fingerprint: deploymentFingerprint(settings),
      deployment: settings.env.VERCEL_URL ?? null,
    };
    const deps: ReadDeps = { settings: rendering, store, now: () => weekendAt };
    Object.assign(out, await feedBodies(deps, name, frame, origin, weekendAt));
    Object.assign(out, await pageBody(deps, name, frame, origin));
  }
  return out;
}
