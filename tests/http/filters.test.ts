/* `GET /api/filters`: the one filter schema as the page's builder reads it. */
import { describe, expect, it } from "vitest";
import { FeedFilterParamsSchema, FILTERS, MAX_LIMIT } from "../../lib/api/filters.js";
import { FiltersResponseSchema } from "../../lib/api/schemas.js";
import { serveFilters } from "../../lib/http/serve-filters.js";
import { testDeps } from "./read-test-deps.js";

const deps = testDeps();
const get = (headers: Record<string, string> = {}) =>
  serveFilters(new Request("http://localhost/api/filters", { headers }), deps);

describe("GET /api/filters", () => {
  it("lists every filter of the schema, in order, with its limits and personal flag", async () => {
    const response = await get();
    expect(response.status).toBe(200);
    const body = FiltersResponseSchema.parse(await response.json());
    expect(body.filters.map((filter) => filter.name)).toEqual(Object.keys(FeedFilterParamsSchema.shape));
    const limit = body.filters.find((filter) => filter.name === "limit");
    expect(limit?.schema).toMatchObject({ type: "integer", minimum: 1, maximum: MAX_LIMIT });
    expect(limit?.personal).toBe(false);
    for (const filter of body.filters) {
      expect(filter.personal, filter.name).toBe(FILTERS[filter.name as keyof typeof FILTERS].personal);
      expect(filter.description, filter.name).not.toBe("");
    }
  });

  it("answers a repeat with its ETag with 304", async () => {
    const etag = (await get()).headers.get("etag") ?? "";
    expect(etag).not.toBe("");
    expect((await get({ "if-none-match": etag })).status).toBe(304);
  });
});
