import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ARXIV_CATEGORIES, nearestCategories } from "../../lib/config/arxiv-categories.js";
import { ConfigError } from "../../lib/config/errors.js";
import { findJsonSyntaxError } from "../../lib/config/json-syntax.js";
import { parseConfig } from "../../lib/config/settings.js";

const reference = JSON.parse(readFileSync("../shared/reference/config.json", "utf8")) as Record<
  string,
  unknown
>;

const errorOf = (text: string): string => {
  try {
    parseConfig(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
};
const withCategories = (categories: unknown[]) => errorOf(JSON.stringify({ ...reference, categories }));

describe("categories are checked against arXiv's taxonomy", () => {
  it.each([
    ["cs.XX", "cs"],
    ["cslg", "cs.LG"],
    ["cs.lg", "cs.LG"],
    ["CS.LG", "cs.LG"],
    ["stat.ml", "stat.ML"],
    ["cond-mat.meshall", "cond-mat.mes-hall"],
  ])("%s names the key, the value and the nearest valid categories", (bad, nearest) => {
    const message = withCategories(["cs.AI", bad]);
    expect(message).toMatch(
      new RegExp(
        `^config\\.json: "categories\\[1\\]" is "${bad.replace(".", "\\.")}", not an arXiv category \\(nearest: `,
      ),
    );
    const suggested = /\(nearest: (.*)\)$/.exec(message)?.[1]?.split(", ") ?? [];
    expect(suggested).toHaveLength(3);
    for (const category of suggested) expect(ARXIV_CATEGORIES).toContain(category);
    expect(suggested[0]?.startsWith(nearest)).toBe(true);
  });

  it("refuses `all`, the combined feed's name, and says why", () => {
    const message = withCategories(["all", "cs.LG"]);
    expect(message).toContain('config.json: "categories[0]" is "all", the name of the combined feed');
  });

  it("accepts every category and archive arXiv lists, hyphenated ones included", () => {
    for (const category of [
      "cs.LG",
      "stat.ML",
      "math.OC",
      "hep-ex",
      "astro-ph.GA",
      "q-bio.NC",
      "cond-mat.mes-hall",
      "physics.acc-ph",
      "econ.EM",
      "eess.SP",
      "cs",
    ]) {
      expect(parseConfig(JSON.stringify({ ...reference, categories: [category] })).categories).toEqual([
        category,
      ]);
    }
    expect(new Set(ARXIV_CATEGORIES).size).toBe(ARXIV_CATEGORIES.length);
    expect(ARXIV_CATEGORIES.filter((c) => c.startsWith("cs."))).toHaveLength(40);
  });

  it("suggests by spelling, case and punctuation aside", () => {
    expect(nearestCategories("cs.lg")[0]).toBe("cs.LG");
    expect(nearestCategories("quantph")[0]).toBe("quant-ph");
  });
});

describe("a JSON syntax error names the line and column", () => {
  it.each([
    ['{\n  "categories": ["cs.LG"],\n  "keywords": ["x"],\n}', 4, 1, '"}"'],
    ['{\n  "categories": ["cs.LG",]\n}', 2, 26, '"]"'],
    ['{\n  "keywords": ["a" "b"]\n}', 2, 20, '"\\""'],
    ['{\n  "max_papers": 30', 2, 19, "end of file"],
    ["{ not json", 1, 3, '"n"'],
    ['{"a": 1} x', 1, 10, '"x"'],
    ['{"a": 01}', 1, 8, '"1"'],
  ])("%j: line %i, column %i", (text, line, column, found) => {
    expect(findJsonSyntaxError(text)).toEqual({ line, column, found });
    expect(errorOf(text)).toBe(
      `config.json: not valid JSON at line ${line}, column ${column} (unexpected ${found})`,
    );
  });

  it("finds nothing wrong in valid JSON", () => {
    for (const text of [
      readFileSync("config.json", "utf8"),
      '[1, -2.5e3, "\\u00e9\\n", true, false, null, {}]',
      " {} ",
    ]) {
      expect(() => JSON.parse(text)).not.toThrow();
      expect(findJsonSyntaxError(text)).toBeUndefined();
    }
  });
});
