import type { FeedFilterParams } from "../api/params.js";
import { personalProfileLists } from "../api/personal-rank.js";
import type { Config } from "../config/schema.js";
import { poolDays } from "../pools/slots.js";

const windowText = (config: Config) => {
  const days = poolDays(config);
  return days === 1 ? "day" : `${days} calendar days`;
};

/** How the named papers rank the feed, when any do: the reader's own, or config.json's profile. */
function profileText(filter: FeedFilterParams, config: Config): string {
  if (!personalProfileLists(filter, config)) return "";
  const whose = filter.like || filter.dislike ? "the papers named" : "the deployment's profile papers";
  return `, and by similarity to ${whose} (each item says which liked paper it is close to)`;
}

/** Sentences a personal feed's description carries: what it is and where its papers come from. */
export function personalNotes(
  filter: FeedFilterParams,
  filterText: string,
  config: Config,
  label: string,
): string[] {
  const crossLists = filter.cross_lists ?? config.include_cross_lists;
  return [
    `Personal feed (${filterText}): every stored paper of ${label} from the ${windowText(config)} up to the latest announcement, re-ranked by these filters (whole-word keyword match)${profileText(filter, config)}${crossLists ? ", cross-lists included" : ""}.`,
  ];
}
