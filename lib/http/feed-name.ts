import type { Config } from "../config/schema.js";
import { feedNames } from "../model/feeds.js";
import { ALL_FEED } from "../model/snapshot.js";
import { notFound } from "./http-error.js";

/** The feed a request names (none: `all`); 404 listing the valid ones when unknown. */
export function resolveFeedName(requested: string | null, config: Config): string {
  const name = requested?.trim() || ALL_FEED;
  const valid = feedNames(config);
  // Category names are case-sensitive on arXiv (cs.LG); accept any case from a hand-typed URL.
  const found = valid.find((v) => v.toLowerCase() === name.toLowerCase());
  if (!found) {
    throw notFound(`no feed "${name.slice(0, 100)}" on this deployment; valid feeds: ${valid.join(", ")}`, {
      valid,
    });
  }
  return found;
}
