import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { STOP_WORDS } from "../../../lib/rank/similarity/stop-words.js";
import {
  forEachTerm,
  MAX_TERM_LENGTH,
  paperTerms,
  TITLE_WEIGHT,
  textTerms,
} from "../../../lib/rank/similarity/terms.js";
import { cpuGrowth } from "../../helpers/cpu-time.js";

/** True when the two texts share at least one term. */
const share = (a: string, b: string) => textTerms(a).some((term) => textTerms(b).includes(term));

describe("textTerms", () => {
  it("folds case and plurals: LLMs, llm and LLM are one term", () => {
    expect(new Set(textTerms("LLMs llm LLM"))).toEqual(new Set(textTerms("llm")));
    expect(textTerms("Networks network")).toEqual([textTerms("network")[0], textTerms("network")[0]]);
    expect(textTerms("Efficiencies")).toEqual(textTerms("efficiency"));
  });

  it("folds -ing and -ed forms with their stem", () => {
    expect(textTerms("training trained")).toEqual([...textTerms("train"), ...textTerms("train")]);
  });

  it("drops stop words, numbers and one-letter words, and keeps words with digits", () => {
    expect(textTerms("the of and with 2024 3.5 a x")).toEqual([]);
    expect(textTerms("FP8 and GPT-4")).toEqual(["fp8", "gpt", "gpt4"]);
  });

  it("splits hyphenated terms and joins them too, so either spelling finds the other", () => {
    expect(textTerms("long-context")).toEqual(["long", "context", "longcontext"]);
    expect(share("fine-tuning", "finetuning")).toBe(true);
    expect(textTerms("state-of-the-art")).toEqual(["state", "art", "stateoftheart"]);
  });

  it("drops TeX commands and math, keeping the words around them", () => {
    expect(textTerms("Sorting in $O(n \\log n)$ time")).toEqual(["sort", "time"]);
    expect(textTerms("\\emph{Fast} decoding with \\textbf{sparse} experts")).toEqual([
      "fast",
      "decod",
      "spars",
      "expert",
    ]);
    expect(textTerms("L$^3$: Large Lookup Layers")).toEqual(["larg", "lookup", "layer"]);
  });

  it("reads TeX accents and Unicode accents as the plain letter, inside one word", () => {
    expect(textTerms("Psych\\=eChat")).toEqual(["psychechat"]);
    expect(textTerms('M\\"uller')).toEqual(textTerms("Müller"));
    expect(textTerms("Dvo\\v{r}\\'ak")).toEqual(textTerms("Dvořák"));
    expect(textTerms("naïve ﬁne")).toEqual(textTerms("naive fine"));
  });

  it("drops words longer than MAX_TERM_LENGTH (identifiers, hashes)", () => {
    expect(textTerms(`${"a".repeat(MAX_TERM_LENGTH + 1)} graph`)).toEqual(["graph"]);
  });
});

describe("paperTerms", () => {
  it("counts a title word TITLE_WEIGHT times and an abstract word once", () => {
    const counts = paperTerms({ title: "Graph", abstract: "A graph of graphs." });
    expect(counts.get("graph")).toBe(TITLE_WEIGHT + 2);
  });
});

/** Text that is all hostile units: TeX, accents, hyphen chains, braces, long words. */
const hostileUnit = fc.constantFrom(
  "\\",
  "\\\\",
  "$",
  "{",
  "}",
  "\\=",
  "\\v{",
  "a-",
  "-",
  "\u0301",
  "\\alpha",
  "é",
  "x".repeat(40),
  "ab",
  "ﷺ",
);

describe("term extraction on hostile text", () => {
  it("keeps every term short, no stop word, and never throws (any text)", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: "binary" }),
          fc.array(hostileUnit).map((u) => u.join("")),
        ),
        (text) => {
          const terms = textTerms(text);
          expect(terms.filter((term) => term.length > MAX_TERM_LENGTH || STOP_WORDS.has(term))).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("takes time linear in the length of the text", () => {
    // Work is measured as CPU time, but only as a ratio with a wide margin: 8 times the input
    // must take far less than the 64 times a quadratic reader would (best of five runs each,
    // and a second measurement before failing, so a loaded machine's pauses fall out).
    const read = (text: string) => () => forEachTerm(text, () => {});
    fc.assert(
      fc.property(fc.array(hostileUnit, { minLength: 1, maxLength: 6 }), (units) => {
        const pattern = units.join("");
        const build = (length: number) => pattern.repeat(Math.ceil(length / pattern.length));
        const small = build(40_000);
        const large = build(320_000);
        const ratio = () => cpuGrowth(read(small), read(large), 5);
        const first = ratio();
        expect(first < 32 ? first : ratio()).toBeLessThan(32);
      }),
      { numRuns: 6 },
    );
  });
});
