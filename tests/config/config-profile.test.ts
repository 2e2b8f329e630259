import { describe, expect, it } from "vitest";
import { ConfigError } from "../../lib/config/errors.js";
import { parseConfig } from "../../lib/config/settings.js";

/* config.json's optional `profile`: each id validated, the error naming the key and the value. */
const base = { categories: ["cs.LG"], keywords: ["inference"] };
const parsed = (profile: unknown) => parseConfig(JSON.stringify({ ...base, profile })).profile;
const errorOf = (profile: unknown): string => {
  try {
    parseConfig(JSON.stringify({ ...base, profile }));
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
};

describe("config.json's profile", () => {
  it("is optional, and keeps ids and links as canonical ids, repeats dropped", () => {
    expect(parseConfig(JSON.stringify(base)).profile).toBeUndefined();
    expect(
      parsed({ like: ["https://arxiv.org/pdf/2601.20273v2.pdf", "2601.20273", "math.GT/0309136"] }),
    ).toEqual({ like: ["2601.20273v2", "math/0309136"], dislike: [] });
  });

  it("names the key and the value of a bad id, an unknown key, and a list too long", () => {
    expect(errorOf({ like: ["2601.20273", "2613.00001"] })).toMatch(
      /^config\.json: "profile\.like\[1\]" must be an arXiv id or link, not "2613\.00001" \(for example /,
    );
    expect(errorOf({ dislike: [7] })).toContain('"profile.dislike[0]"');
    expect(errorOf({ likes: [] })).toBe('config.json: unknown key "likes" in "profile"');
    const many = Array.from({ length: 51 }, (_, i) => `2601.${10_000 + i}`);
    expect(errorOf({ like: many })).toBe('config.json: "profile.like" must name at most 50 papers');
  });
});
