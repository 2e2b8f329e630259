/*
 * The cache keys cover every filter: a filter added to a schema but left out of the canonical
 * query (the feed's URL and ETag) or of the API's filter key (cursors, ETags, the selection
 * cache) would serve one filter's page for another, or a stale 304.
 */
import { describe, expect, it } from "vitest";
import { canonicalFilterQuery } from "../../lib/api/filter-label.js";
import { type JsonSchema, queryParameters } from "../../lib/api/openapi-parts.js";
import { papersFilterKey } from "../../lib/api/papers-page.js";
import { FeedFilterParamsSchema, PapersParamsSchema } from "../../lib/api/params.js";
import { parseQuery } from "../../lib/http/query.js";

/** The example a description ends with (`…: moe,speculative decoding`), if any. */
const documentedExample = (description: string | undefined) => /: ([^:`]+)$/.exec(description ?? "")?.[1];

/** A valid query value for a parameter, from its documented schema (and example) alone. */
function sampleValue(schema: JsonSchema, description?: string): string {
  if (Array.isArray(schema.enum)) return String(schema.enum[0]);
  if (schema.format === "date") return "2026-01-05";
  if (schema.type === "integer" || schema.type === "number") return String(schema.minimum ?? 1);
  // Lists of arXiv ids (like, dislike) take only ids: their description shows some.
  return documentedExample(description) ?? "alpha";
}

/** Each parameter of `schema` but `skip`, with a valid value. */
const samples = (schema: Parameters<typeof queryParameters>[0], skip: string[] = []) =>
  queryParameters(schema)
    .filter((parameter) => !skip.includes(parameter.name))
    .map((parameter) => [parameter.name, sampleValue(parameter.schema, parameter.description)] as const);

describe("cache keys", () => {
  it("the feed's canonical query changes with each filter", () => {
    const filters = samples(FeedFilterParamsSchema);
    expect(filters.map(([name]) => name)).toEqual(Object.keys(FeedFilterParamsSchema.shape));
    const none = canonicalFilterQuery(parseQuery(FeedFilterParamsSchema, new URLSearchParams()));
    for (const [name, value] of filters) {
      const one = parseQuery(FeedFilterParamsSchema, new URLSearchParams([[name, value]]));
      expect(canonicalFilterQuery(one), name).not.toBe(none);
      expect(canonicalFilterQuery(one), name).toContain(`${name}=`);
    }
  });

  it("the API's filter key changes with every parameter but category, limit and cursor", () => {
    const parse = (pairs: [string, string][]) => parseQuery(PapersParamsSchema, new URLSearchParams(pairs));
    const none = papersFilterKey("cs.LG", parse([]));
    const filters = samples(PapersParamsSchema, ["category", "limit", "cursor"]);
    expect(filters.length).toBe(Object.keys(PapersParamsSchema.shape).length - 3);
    for (const [name, value] of filters) {
      expect(papersFilterKey("cs.LG", parse([[name, value]])), name).not.toBe(none);
    }
    // Paging keeps the key: a cursor stays valid for the next page at another limit.
    expect(
      papersFilterKey(
        "cs.LG",
        parse([
          ["limit", "3"],
          ["cursor", "x"],
        ]),
      ),
    ).toBe(none);
  });
});
