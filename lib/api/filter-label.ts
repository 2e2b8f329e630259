import type { FeedFilterParams } from "./params.js";

/**
 * The filter in words, for a personal feed's title:
 * `keywords moe, speculative decoding; excluding survey; min score 3`. Empty for none.
 */
export function describeFilter(filter: FeedFilterParams): string {
  const parts: string[] = [];
  if (filter.keywords) parts.push(`keywords ${filter.keywords.join(", ")}`);
  if (filter.exclude) parts.push(`excluding ${filter.exclude.join(", ")}`);
  if (filter.authors) parts.push(`authors ${filter.authors.join(", ")}`);
  if (filter.min_score !== undefined) parts.push(`min score ${filter.min_score}`);
  if (filter.cross_lists !== undefined)
    parts.push(filter.cross_lists ? "with cross-lists" : "without cross-lists");
  if (filter.limit !== undefined) parts.push(`top ${filter.limit}`);
  return parts.join("; ");
}

/**
 * The filter as a query string in one fixed order, commas kept literal
 * (`keywords=moe,speculative+decoding&min_score=3`): the same filter always gives the same URL,
 * ETag and CDN entry. Empty for none.
 */
export function canonicalFilterQuery(filter: FeedFilterParams): string {
  const query = new URLSearchParams();
  if (filter.keywords) query.set("keywords", filter.keywords.join(","));
  if (filter.exclude) query.set("exclude", filter.exclude.join(","));
  if (filter.authors) query.set("authors", filter.authors.join(","));
  if (filter.min_score !== undefined) query.set("min_score", String(filter.min_score));
  if (filter.limit !== undefined) query.set("limit", String(filter.limit));
  if (filter.cross_lists !== undefined) query.set("cross_lists", filter.cross_lists ? "1" : "0");
  return query.toString().replace(/%2C/gi, ",");
}
