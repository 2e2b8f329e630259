import { fetchApiPapers } from "../arxiv/api-query.js";
import type { Settings } from "../config/settings.js";
import type { Store } from "../store/types.js";
import type { ProfileLookup } from "./resolve-profile.js";

/**
 * How long a feed or API request may wait on the gate and arXiv for papers it names, ms: enough
 * for the API's usual answer to a batch (about a second) when the gate is open, short enough
 * that a reader's request and a Vercel function are not held longer than a slow feed would be.
 * A request right behind another one's lookup (the 3 s gate) does not wait: its ids stay pending
 * and the next request looks them up, and so does one whose answer came too late (its ids are
 * marked unavailable for a while; the refresh asks again).
 */
export const FEED_WAIT_BUDGET_MS = 2500;

/** How long the refresh may wait for the configured profile's papers, ms. */
export const REFRESH_WAIT_BUDGET_MS = 30_000;

/**
 * The lookup the settings describe: arXiv's API at `ARXIV_API_BASE_URL` with the deployment's
 * User-Agent (each call limited to `ARXIV_TIMEOUT_MS` and what the budget leaves), the gate at
 * `ARXIV_MIN_INTERVAL_MS`, papers cached for `summary_ttl_days`. Add `budgetMs` and `atHand`.
 */
export function profileLookupFrom(
  settings: Settings,
  store: Store,
): Omit<ProfileLookup, "budgetMs" | "atHand"> {
  const { env } = settings;
  return {
    store,
    fetchPapers: (ids, timeoutMs) =>
      fetchApiPapers(ids, {
        baseUrl: env.ARXIV_API_BASE_URL,
        timeoutMs: Math.min(env.ARXIV_TIMEOUT_MS, timeoutMs),
        userAgent: settings.userAgent,
      }),
    paperTtlSeconds: settings.config.summary_ttl_days * 86_400,
    gateIntervalMs: env.ARXIV_MIN_INTERVAL_MS,
  };
}
