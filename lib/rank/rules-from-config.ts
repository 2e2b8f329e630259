import type { Config } from "../config/schema.js";
import type { MembershipRules } from "./feed-membership.js";
import type { RetentionRules } from "./merge-history.js";
import type { RankRules } from "./rank-papers.js";

/** The ranking rules config.json sets. */
export function rankRulesFrom(config: Config): RankRules {
  return {
    keywords: config.keywords,
    exclude: config.exclude_keywords,
    mode: config.match_mode,
    minScore: config.min_score,
    maxPapers: config.max_papers,
    dedupe: config.enable_deduplication ? config.deduplication_methods : [],
  };
}

export function membershipRulesFrom(config: Config): MembershipRules {
  return { categories: config.categories, includeCrossLists: config.include_cross_lists };
}

export function retentionRulesFrom(config: Config): RetentionRules {
  return { daysBack: config.days_back, maxPapers: config.feed_max_papers };
}
