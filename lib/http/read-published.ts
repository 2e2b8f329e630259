import { renderedKey } from "../store/keys.js";
import { type Store, StoreDataError } from "../store/types.js";
import type { BodySource } from "./body-memo.js";
import { deploymentFingerprint, type ShapingSettings } from "./conditional.js";
import { weekendNotice } from "./feed-notice.js";
import { type FeedFormat, type OriginEnv, publicOrigin } from "./feed-urls.js";
import type { ReadDeps } from "./read-deps.js";
import { type Served, servedFeed } from "./read-pool-window.js";
import {
  isPlainText,
  isRenderedBody,
  originSplice,
  type RenderedBody,
  spliceFeedBody,
  unpackBody,
} from "./rendered-body.js";
import { readFeed } from "./stored-snapshots.js";

/**
 * What a request for a published feed serves: the head and papers it would render from, and,
 * when the refresh rendered this very body already, that body (the papers are then never read).
 */
export interface Published {
  served: Served | null;
  /** The pre-rendered body, as this request would render it; absent: render. */
  body?: () => BodySource;
}

/** True when a request sets no filter (so its canonical filter query is empty): the published feed as it is. */
export const unfiltered = (filter: Readonly<Record<string, unknown>>): boolean =>
  Object.values(filter).every((value) => value === undefined);

/** The settings a rendered body must have been rendered under to be served under these. */
type RenderingSettings = ShapingSettings & { env: Pick<OriginEnv, "VERCEL_URL"> };

/**
 * The rendered body under `key` if it was rendered for these settings by this deployment, else
 * undefined: missing, of another shape or unreadable (it is only a shortcut), rendered under
 * another configuration, or by other code.
 */
export async function renderedFor(store: Pick<Store, "get">, key: string, settings: RenderingSettings) {
  let value: unknown;
  try {
    value = await store.get(key);
  } catch (error) {
    if (error instanceof StoreDataError) return undefined;
    throw error;
  }
  if (!isRenderedBody(value)) return undefined;
  const deployment = settings.env.VERCEL_URL ?? null;
  return value.fingerprint === deploymentFingerprint(settings) && value.deployment === deployment
    ? value
    : undefined;
}

/** A head served without its papers: the body is rendered already. */
export const headOnly = (rendered: RenderedBody): Served => ({
  head: rendered.head,
  papers: () => {
    throw new Error("a pre-rendered body's papers are not read");
  },
});

/**
 * The read of `GET /rss/<name>` and friends without filters (`plain`): the body the refresh
 * rendered in `format` when it applies (one read), else the snapshot to render from (one read,
 * or two when a rendered body was there but does not apply). It applies on any host whose
 * origin and at any time whose weekend notice are plain text (`originSplice`).
 */
export async function readPublishedFeed(
  request: Request,
  deps: ReadDeps,
  name: string,
  format: FeedFormat,
  plain: boolean,
): Promise<Published> {
  const { settings, store } = deps;
  if (plain) {
    const splice = originSplice(publicOrigin(request, settings));
    const weekend = weekendNotice(deps.now());
    if (splice !== undefined && isPlainText(weekend)) {
      const rendered = await renderedFor(store, renderedKey(name, format), settings);
      if (rendered?.origin && rendered.weekend)
        return {
          served: headOnly(rendered),
          body: () => spliceFeedBody(rendered, unpackBody(rendered), splice, weekend),
        };
    }
  }
  return { served: servedFeed(await readFeed(store, name)) };
}
