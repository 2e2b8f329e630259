import { papersFilterKey } from "../api/papers-page.js";
import { PapersParamsSchema } from "../api/params.js";
import { renderedKey } from "../store/keys.js";
import type { ReadDeps } from "./read-deps.js";
import { servedFeed } from "./read-pool-window.js";
import { headOnly, type Published, renderedFor } from "./read-published.js";
import { unpackBody } from "./rendered-body.js";
import { readFeed } from "./stored-snapshots.js";

/** The validators' variant of a page of `/api/papers`: its filters (`papersFilterKey`), limit and cursor. */
export const pageVariant = (filterKey: string, limit: number, cursor: string | undefined): string =>
  `papers\n${filterKey}\n${limit}\n${cursor ?? ""}`;

/** The parameters of the page the refresh renders: none but the feed. */
const FIRST_PAGE = PapersParamsSchema.parse({});

/** First-page variants by feed name (a deployment has a handful of feeds). */
const firstPages = new Map<string, string>();

/** The variant of feed `name`'s first page without filters: the page the refresh renders. */
export function firstPageVariant(name: string): string {
  let variant = firstPages.get(name);
  if (variant === undefined) {
    variant = pageVariant(papersFilterKey(name, FIRST_PAGE), FIRST_PAGE.limit, undefined);
    if (firstPages.size >= 256) firstPages.clear();
    firstPages.set(name, variant);
  }
  return variant;
}

/**
 * The read of a page of `GET /api/papers` from the published feed: the page the refresh
 * rendered when this request's `variant` is that page's (`firstPageVariant`), else the snapshot.
 */
export async function readPublishedPage(deps: ReadDeps, name: string, variant: string): Promise<Published> {
  const { settings, store } = deps;
  if (variant === firstPageVariant(name)) {
    const rendered = await renderedFor(store, renderedKey(name, "papers"), settings);
    if (rendered && rendered.variant === variant)
      return { served: headOnly(rendered), body: () => unpackBody(rendered) };
  }
  return { served: servedFeed(await readFeed(store, name)) };
}
