/*
 * The cache keys cover every filter: a filter added to a schema but left out of the canonical
 * query (the feed's URL and ETag) or of the API's filter key (cursors, ETags, the selection
 * cache) would serve one filter's page for another, or a stale 304.
 */
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { canonicalFilterQuery } from "../../lib/api/filter-label.js";
import { type JsonSchema, type Parameter, queryParameters } from "../../lib/api/openapi-parts.js";
import { papersFilterKey } from "../../lib/api/papers-page.js";
import { FeedFilterParamsSchema, PapersParamsSchema } from "../../lib/api/params.js";
import { profileToken } from "../../lib/feedback/token.js";
import { parseQuery } from "../../lib/http/query.js";

/** The example a description ends with (`…: moe,speculative decoding`), if any. */
const documentedExample = (description: string | undefined) => /: ([^:`]+)$/.exec(description ?? "")?.[1];

/** Text values to try, in order: the documented example, a plain word, a profile token's shape. */
const TEXT_CANDIDATES = (description?: string) =>
  [documentedExample(description), "alpha", profileToken("s".repeat(32), "lab", "nonce")].filter(
    (value): value is string => value !== undefined,
  );

/**
 * A valid query value for a parameter, from its documented schema (and example) alone: for text,
 * the first candidate its own schema accepts (lists of arXiv ids take only ids, a profile only a token).
 */
function sampleValue(parameter: Parameter, schema: z.ZodObject): string {
  const json = parameter.schema as JsonSchema;
  if (Array.isArray(json.enum)) return String(json.enum[0]);
  if (json.format === "date") return "2026-01-05";
  if (json.type === "integer" || json.type === "number") return String(json.minimum ?? 1);
  const own = schema.shape[parameter.name] as z.ZodType;
  const value = TEXT_CANDIDATES(parameter.description).find((text) => own.safeParse(text).success);
  if (value === undefined) throw new Error(`no sample value for ${parameter.name}: add a candidate`);
  return value;
}

/** Each parameter of `schema` but `skip`, with a valid value. */
const samples = (schema: z.ZodObject, skip: string[] = []) =>
  queryParameters(schema)
    .filter((parameter) => !skip.includes(parameter.name))
    .map((parameter) => [parameter.name, sampleValue(parameter, schema)] as const);

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
