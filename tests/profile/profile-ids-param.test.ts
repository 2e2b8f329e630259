import { describe, expect, it } from "vitest";
import { z } from "zod";
import { HttpError } from "../../lib/http/http-error.js";
import { parseQuery } from "../../lib/http/query.js";
import {
  MAX_PROFILE_IDS,
  profileIdListSchema,
  profileIdsParam,
} from "../../lib/profile/profile-ids-param.js";

const query = z.object({ like: profileIdsParam().optional(), dislike: profileIdsParam().optional() });

/** The 400's message for a query string, as a reader gets it. */
function refusal(search: string): string {
  try {
    parseQuery(query, new URLSearchParams(search));
  } catch (error) {
    if (error instanceof HttpError) return `${error.status} ${error.message}`;
    throw error;
  }
  throw new Error(`accepted: ${search}`);
}

const ids = (n: number, from = 1) =>
  Array.from({ length: n }, (_, i) => `2601.${String(from + i).padStart(5, "0")}`);

describe("profileIdsParam", () => {
  it("reads ids and links, in order, one per paper", () => {
    const like =
      "2601.20273v2, https://arxiv.org/abs/2601.20273, hep-ex/0101001,https://arxiv.org/pdf/2512.01234v3.pdf,arXiv:math.GT/0309136";
    const parsed = parseQuery(query, new URLSearchParams({ like, dislike: "2601.00001" }));
    expect(parsed.like).toEqual([
      { id: "2601.20273", version: 2 },
      { id: "hep-ex/0101001" },
      { id: "2512.01234", version: 3 },
      { id: "math/0309136" },
    ]);
    expect(parsed.dislike).toEqual([{ id: "2601.00001" }]);
  });

  it("takes 50 ids, refuses 51 with a 400 naming the limit", () => {
    const fifty = parseQuery(query, new URLSearchParams({ like: ids(MAX_PROFILE_IDS).join(",") }));
    expect(fifty.like).toHaveLength(MAX_PROFILE_IDS);
    expect(refusal(`like=${ids(MAX_PROFILE_IDS + 1).join(",")}`)).toMatch(
      /^400 like must name at most 50 papers/,
    );
  });

  it("names the bad item, its position and what a good one looks like", () => {
    const message = refusal("dislike=2601.00001,2601.00002,attention%20is%20all%20you%20need");
    expect(message).toMatch(
      /^400 dislike \(item 3\) must be an arXiv id or link, not "attention is all you need"/,
    );
    expect(message).toContain("2601.20273v2");
    expect(message).toContain("https://arxiv.org/abs/2601.20273");
  });

  it("quotes at most 40 characters of a bad item, and refuses control characters and huge values", () => {
    const message = refusal(`like=${"x".repeat(300)}`);
    expect(message).toContain(`not "${"x".repeat(40)}…"`);
    expect(message).not.toContain("x".repeat(41));
    expect(refusal("like=2601.00001%00")).toMatch(/^400 like must not contain control characters/);
    expect(refusal(`like=${"2601.00001,".repeat(400)}`)).toMatch(/^400 like must be at most \d+ characters/);
  });

  it("refuses an id arXiv never issued", () => {
    expect(refusal("like=2613.00001")).toMatch(
      /^400 like \(item 1\) must be an arXiv id or link, not "2613.00001"/,
    );
  });

  it("is a string in the OpenAPI input schema, with its description", () => {
    const json = z.toJSONSchema(query, { io: "input", unrepresentable: "any" }) as {
      properties: Record<string, { type: string; description: string }>;
    };
    expect(json.properties.like?.type).toBe("string");
    expect(json.properties.like?.description).toMatch(/arXiv ids or abs\/pdf links/);
  });
});

describe("profileIdListSchema (config.json)", () => {
  it("reads an array of ids and links, one per paper; an empty list is fine", () => {
    expect(profileIdListSchema().parse(["2601.20273", "2601.20273v4", "hep-ex/0101001v1"])).toEqual([
      { id: "2601.20273" },
      { id: "hep-ex/0101001", version: 1 },
    ]);
    expect(profileIdListSchema().parse([])).toEqual([]);
  });

  it("refuses a bad item at its index and more than 50 items", () => {
    const bad = profileIdListSchema().safeParse(["2601.20273", "2601"]);
    expect(bad.error?.issues[0]?.path).toEqual([1]);
    expect(bad.error?.issues[0]?.message).toMatch(/must be an arXiv id or link, not "2601"/);
    const many = profileIdListSchema().safeParse(ids(51));
    expect(many.error?.issues[0]?.message).toBe("must name at most 50 papers");
  });
});
