import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitList } from "../../lib/api/param-types.js";
import { FeedFilterParamsSchema, PapersParamsSchema } from "../../lib/api/params.js";
import { HttpError } from "../../lib/http/http-error.js";
import { parseQuery, singleParam } from "../../lib/http/query.js";

const parse = (query: string) => parseQuery(FeedFilterParamsSchema, new URLSearchParams(query));
const failure = (run: () => unknown): HttpError => {
  try {
    run();
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error("expected an HttpError");
};

describe("parseQuery", () => {
  it("parses every filter parameter to its type", () => {
    expect(
      parse(
        "keywords=moe,speculative+decoding&exclude=survey&authors=Hinton&min_score=2.5&limit=10&cross_lists=1",
      ),
    ).toEqual({
      keywords: ["moe", "speculative decoding"],
      exclude: ["survey"],
      authors: ["Hinton"],
      min_score: 2.5,
      limit: 10,
      cross_lists: true,
    });
    expect(parse("cross_lists=false").cross_lists).toBe(false);
    expect(parse("")).toEqual({});
  });

  it("ignores parameters it does not declare and treats blank ones as absent", () => {
    expect(parse("utm_source=x&keywords=&limit=%20")).toEqual({});
  });

  it("fills the API's default limit", () => {
    expect(parseQuery(PapersParamsSchema, new URLSearchParams("")).limit).toBe(50);
  });

  it("names the parameter and the rule, quoting a shortened value", () => {
    const error = failure(() => parse("limit=500"));
    expect(error.status).toBe(400);
    expect(error.details).toEqual({ parameter: "limit" });
    expect(error.message).toBe('limit must be a whole number from 1 to 200 (got "500")');
    const long = failure(() => parse(`keywords=${"k".repeat(150)}`));
    expect(long.message).toMatch(
      /^keywords \(item 1\) must be at most 100 characters per keyword \(got "k{40}…"\)$/,
    );
    expect(failure(() => parse("min_score=abc")).message).toContain("must be a number from 0 to 1000");
    expect(failure(() => parse("cross_lists=yes")).message).toContain("must be 1 or 0");
  });

  it("refuses a parameter given twice", () => {
    const error = failure(() => singleParam(new URLSearchParams("a=1&a=2"), "a"));
    expect(error.message).toContain('"a" is given 2 times');
    expect(error.details).toEqual({ parameter: "a" });
  });

  it("either parses or throws a 400 naming a declared parameter (property)", () => {
    const names = Object.keys(FeedFilterParamsSchema.shape);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...names, "other"), fc.string({ maxLength: 30 })), {
          maxLength: 6,
        }),
        (pairs) => {
          try {
            parse(new URLSearchParams(pairs).toString());
          } catch (error) {
            expect(error).toBeInstanceOf(HttpError);
            expect((error as HttpError).status).toBe(400);
            expect(names).toContain((error as HttpError).details.parameter);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("splitList", () => {
  it("trims, folds whitespace, drops blanks and case-insensitive repeats", () => {
    expect(splitList(" MoE ,speculative   decoding,, moe ,")).toEqual(["MoE", "speculative decoding"]);
    expect(splitList(",,")).toEqual([]);
  });
});
