import { formatProfileId } from "../profile/profile-id.js";
import { type FeedFilterParams, FILTER_NAMES, FILTERS, type FilterName } from "./filters.js";

type Given = { [K in FilterName]: [K, NonNullable<FeedFilterParams[K]>] }[FilterName];

/** The filters `filter` sets, as name and value, in `names`' order. */
const given = (filter: FeedFilterParams, names: readonly FilterName[]): Given[] =>
  names.flatMap((name) => (filter[name] === undefined ? [] : [[name, filter[name]] as Given]));

/** A parsed value as the URL carries it: lists comma-joined (named papers as canonical ids), flags as 1 or 0. */
const queryValue = (value: Given[1]): string =>
  Array.isArray(value)
    ? value.map((item) => (typeof item === "string" ? item : formatProfileId(item))).join(",")
    : typeof value === "boolean"
      ? value
        ? "1"
        : "0"
      : String(value);

/** The personal filters first, then those that only shorten the feed (`top 5` reads last). */
const TITLE_ORDER = [...FILTER_NAMES].sort(
  (a, b) => Number(FILTERS[b].personal) - Number(FILTERS[a].personal),
);

/**
 * The filter in words, for a personal feed's title:
 * `keywords moe, speculative decoding; excluding survey; min score 3`. Empty for none.
 */
export function describeFilter(filter: FeedFilterParams): string {
  return given(filter, TITLE_ORDER)
    .map(([name, value]) => (FILTERS[name].title as (value: Given[1]) => string)(value))
    .join("; ");
}

/**
 * The filter as a query string in one fixed order, commas kept literal
 * (`keywords=moe,speculative+decoding&min_score=3`): the same filter always gives the same URL,
 * ETag and CDN entry. Empty for none.
 */
export function canonicalFilterQuery(filter: FeedFilterParams): string {
  const query = new URLSearchParams(
    given(filter, FILTER_NAMES).map(([name, value]) => [name, queryValue(value)]),
  );
  return query.toString().replace(/%2C/gi, ",");
}
