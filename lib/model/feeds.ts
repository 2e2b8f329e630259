import type { Config } from "../config/schema.js";
import { ALL_FEED } from "./snapshot.js";

/** The feeds a config serves: `all`, then each category. */
export const feedNames = (config: Pick<Config, "categories">): string[] => [ALL_FEED, ...config.categories];

/** The categories a feed is built from: all of them for `all`, else its own. */
export const feedSources = (name: string, config: Pick<Config, "categories">): string[] =>
  name === ALL_FEED ? [...config.categories] : [name];

/** A feed's title everywhere it is named (feeds, OPML, digest, API): `site: cs.AI, cs.LG`. */
export const feedTitle = (name: string, config: Pick<Config, "categories" | "site_title">): string =>
  `${config.site_title}: ${feedSources(name, config).join(", ")}`;
