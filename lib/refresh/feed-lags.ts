import type { CategoryAnnouncement } from "../arxiv/fetch-announcements.js";
import type { Config } from "../config/schema.js";
import { feedSources } from "../model/feeds.js";
import type { FeedSnapshot } from "../model/snapshot.js";

/**
 * The categories of feed `name` that arXiv left behind in this refresh, with the days, so its
 * notice can say why it did not change. A lagging category is still published as arXiv serves
 * it: that day is the newest arXiv has for it, merging it again changes nothing the previous run
 * published (same ids, and the merge never drops newer stored papers), and a feed with no stored
 * snapshot gets papers.
 */
export function lagsOf(
  name: string,
  config: Config,
  byCategory: Readonly<Record<string, CategoryAnnouncement>>,
): NonNullable<FeedSnapshot["behind"]> {
  return feedSources(name, config).flatMap((category) => {
    const a = byCategory[category];
    return a?.status === "ok" && a.behind ? [{ category, ...a.behind }] : [];
  });
}
