import type { FeedFilterParams } from "../api/params.js";
import type { Config } from "../config/schema.js";
import { poolDays } from "../pools/slots.js";

const windowText = (config: Config) => {
  const days = poolDays(config);
  return days === 1 ? "day" : `${days} calendar days`;
};

/** Sentences a personal feed's description carries: what it is and where its papers come from. */
export function personalNotes(
  filter: FeedFilterParams,
  filterText: string,
  config: Config,
  label: string,
): string[] {
  const crossLists = filter.cross_lists ?? config.include_cross_lists;
  return [
    `Personal feed (${filterText}): every stored paper of ${label} from the ${windowText(config)} up to the latest announcement, re-ranked by these filters (whole-word keyword match)${crossLists ? ", cross-lists included" : ""}.`,
  ];
}
