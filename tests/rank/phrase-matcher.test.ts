import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FeedFilterParamsSchema } from "../../lib/api/params.js";
import { ConfigSchema } from "../../lib/config/schema.js";
import { HttpError } from "../../lib/http/http-error.js";
import { parseQuery } from "../../lib/http/query.js";
import { compileKeyword, EmptyKeywordError, isEmptyKeyword } from "../../lib/rank/keyword-matcher.js";
import { compileRules, matchText, scorePaper } from "../../lib/rank/score.js";

/** The word-mode rule as one regex over the whole text: what the scanner and indexOf must agree with. */
function oracle(keyword: string): (text: string) => boolean {
  const words = keyword
    .trim()
    .toLowerCase()
    .split(/[\s-]+/)
    .filter(Boolean)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${words.join("[\\s\\-]+")}(?:e?s)?(?![\\p{L}\\p{N}])`, "u");
  return (text) => pattern.test(text.toLowerCase());
}

/** Every keyword compiled together, as a personal feed does, tested on one text. */
function compiledTests(keywords: readonly string[], text: string): boolean[] {
  const rules = compileRules(keywords, [], "word");
  const prepared = matchText(text, rules);
  return rules.keywords.map((rule) => rule.test(prepared));
}

const WORDS = ["model", "models", "large", "language", "data", "c++", "über", "net", "s", "es", "x9"];
const GAPS = [" ", "-", "  ", " - ", "\u00a0", "\n", ", ", ".", "_", "/", "é", "s "];

describe("multi-word keywords in word mode", () => {
  it("agree with the whole-text regex rule on texts built from the keywords' own words", () => {
    const phrase = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 });
    const text = fc.array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...GAPS)), { maxLength: 30 });
    fc.assert(
      fc.property(fc.array(phrase, { minLength: 1, maxLength: 6 }), text, (phrases, parts) => {
        const keywords = phrases.map((words) => words.join(" "));
        const body = parts.map(([word, gap]) => word + gap).join("");
        const unique = [...new Map(keywords.map((k) => [k.toLowerCase(), k])).values()];
        expect(compiledTests(unique, body)).toEqual(unique.map((keyword) => oracle(keyword)(body)));
      }),
      { numRuns: 500 },
    );
  });

  it("score alike whether read through cached word indexes (personal feeds) or scanned afresh", () => {
    const text = fc
      .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...GAPS)), { maxLength: 25 })
      .map((parts) => parts.map(([word, gap]) => word + gap).join(""));
    const keyword = fc
      .array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 })
      .map((w) => w.join(" "));
    fc.assert(
      fc.property(
        fc.uniqueArray(keyword, { minLength: 1, maxLength: 6, selector: (k) => k.toLowerCase() }),
        fc.uniqueArray(keyword, { maxLength: 3, selector: (k) => k.toLowerCase() }),
        text,
        text,
        (keywords, exclude, title, abstract) => {
          const paper = { title, abstract };
          const scanned = scorePaper(paper, compileRules(keywords, exclude, "word"));
          // Twice: the second read uses the index the first one kept.
          const reused = compileRules(keywords, exclude, "word", { reuse: true });
          expect(scorePaper(paper, reused)).toEqual(scanned);
          expect(scorePaper(paper, reused)).toEqual(scanned);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("need their words next to each other, not merely present", () => {
    const [adjacent, apart, plural, broken] = [
      "a large language model",
      "language, large model",
      "large-language models",
      "large language_model",
    ].map((text) => compiledTests(["large language model"], text)[0]);
    expect([adjacent, apart, plural, broken]).toEqual([true, false, true, false]);
  });
});

describe("keywords with nothing to look for", () => {
  const failure = (query: string): HttpError => {
    try {
      parseQuery(FeedFilterParamsSchema, new URLSearchParams(query));
    } catch (error) {
      if (error instanceof HttpError) return error;
      throw error;
    }
    throw new Error(`expected ${query} to be refused`);
  };

  it("is a 400 naming the parameter and the item (keywords=- used to match every paper)", () => {
    const error = failure("keywords=-");
    expect(error.status).toBe(400);
    expect(error.details).toEqual({ parameter: "keywords" });
    expect(error.message).toContain("only hyphens and spaces would match every paper");
    expect(failure("keywords=moe,- -,rl").message).toMatch(/^keywords \(item 2\)/);
    expect(failure("exclude=---").details).toEqual({ parameter: "exclude" });
  });

  it("is refused by the compiler and by config.json validation alike", () => {
    expect(isEmptyKeyword("- -", "word")).toBe(true);
    expect(isEmptyKeyword("c++", "word")).toBe(false);
    expect(() => compileKeyword("-", "word")).toThrow(EmptyKeywordError);
    const config = { categories: ["cs.LG"], keywords: ["moe"], exclude_keywords: ["--"] };
    const result = ConfigSchema.safeParse(config);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["exclude_keywords", 0]);
  });
});
