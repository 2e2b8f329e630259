import type { FeedFilterParams } from "../api/params.js";
import type { Config } from "../config/schema.js";

/** Sentences a personal feed's description carries: what it is and where its papers come from. */
export function personalNotes(
  filter: FeedFilterParams,
  filterText: string,
  config: Config,
  label: string,
): string[] {
  const crossLists = filter.cross_lists ?? config.include_cross_lists;
  return [
    `Personal feed (${filterText}): the stored papers of ${label} from the latest announcement and the feed's window, re-ranked by these filters (whole-word keyword match)${crossLists ? ", cross-lists included" : ""}.`,
  ];
}
