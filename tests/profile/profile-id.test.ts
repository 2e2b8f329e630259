import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatProfileId,
  MAX_PROFILE_ID_TEXT,
  type ProfileId,
  parseProfileId,
} from "../../lib/profile/profile-id.js";
import { cpuGrowth, cpuTimed } from "../helpers/cpu-time.js";

describe("parseProfileId", () => {
  it.each([
    ["2601.20273", { id: "2601.20273" }],
    ["2601.20273v2", { id: "2601.20273", version: 2 }],
    ["arXiv:2601.20273", { id: "2601.20273" }],
    ["ARXIV:2601.20273v3", { id: "2601.20273", version: 3 }],
    ["https://arxiv.org/abs/2601.20273v2", { id: "2601.20273", version: 2 }],
    ["http://arxiv.org/abs/2601.20273", { id: "2601.20273" }],
    ["https://arxiv.org/pdf/2601.20273v2", { id: "2601.20273", version: 2 }],
    ["https://arxiv.org/pdf/2601.20273v2.pdf", { id: "2601.20273", version: 2 }],
    ["https://arxiv.org/pdf/2601.20273.pdf", { id: "2601.20273" }],
    ["https://www.arxiv.org/html/2601.20273v1", { id: "2601.20273", version: 1 }],
    ["arxiv.org/abs/2601.20273", { id: "2601.20273" }],
    ["http://export.arxiv.org/abs/hep-th/9901001v3", { id: "hep-th/9901001", version: 3 }],
    ["hep-ex/0101001", { id: "hep-ex/0101001" }],
    ["math.GT/0309136v1", { id: "math/0309136", version: 1 }],
    ["cond-mat.mes-hall/0211022", { id: "cond-mat/0211022" }],
    ["https://arxiv.org/abs/math.GT/0309136", { id: "math/0309136" }],
    ["  2601.20273  ", { id: "2601.20273" }],
    ["0704.0001", { id: "0704.0001" }],
    ["1412.9999", { id: "1412.9999" }],
    ["1501.00001", { id: "1501.00001" }],
    ["hep-th/9108001", { id: "hep-th/9108001" }],
    ["quant-ph/0703999", { id: "quant-ph/0703999" }],
  ])("reads %s", (text, expected) => {
    expect(parseProfileId(text)).toEqual(expected);
  });

  it.each([
    "",
    "2601",
    "2601.123",
    "2601.123456",
    "2613.00001", // month 13
    "2600.00001",
    "0703.0001", // before the new scheme
    "1412.12345", // five digits before 2015
    "1501.1234", // four digits from 2015
    "2601.00000",
    "2601.20273v0",
    "2601.20273v",
    "2601.20273v1234567",
    "2601.20273v1v2",
    "foo/0101001", // no such archive
    "hep-ex/9107001", // before the old scheme
    "hep-ex/0704001", // after it
    "hep-ex/0113001",
    "hep-ex/0101000",
    "HEP-EX/0101001",
    "hep-ex/0101001.pdf",
    "https://arxiv.org/abs/2601.20273.pdf",
    "https://example.org/abs/2601.20273",
    "https://arxiv.org.evil.com/abs/2601.20273",
    "https://arxiv.org/list/2601.20273",
    "arXiv:https://arxiv.org/abs/2601.20273",
    "2601.20273 2601.20274",
    "2601.20273,2601.20274",
    "../2601.20273",
    "2601.20273/",
    "x2601.20273",
    "abs/2601.20273",
    `2601.20273${" ".repeat(MAX_PROFILE_ID_TEXT)}`,
  ])("refuses %j", (text) => {
    expect(parseProfileId(text)).toBeUndefined();
  });
});

/** Ids arXiv could have issued: new scheme from 0704, old scheme 9108 to 0703. */
const month = (from: number, to: number) =>
  fc
    .tuple(fc.integer({ min: from, max: to }), fc.integer({ min: 1, max: 12 }))
    .map(([y, m]) => `${String(y % 100).padStart(2, "0")}${String(m).padStart(2, "0")}`);
const newId = fc.oneof(
  fc
    .tuple(month(2008, 2014), fc.integer({ min: 1, max: 9999 }))
    .map(([mm, n]) => `${mm}.${String(n).padStart(4, "0")}`),
  fc
    .tuple(month(2015, 2099), fc.integer({ min: 1, max: 99999 }))
    .map(([mm, n]) => `${mm}.${String(n).padStart(5, "0")}`),
);
const oldId = fc
  .tuple(
    fc.constantFrom("hep-ex", "hep-th", "math", "cs", "cond-mat", "astro-ph", "quant-ph"),
    month(1992, 2006),
    fc.integer({ min: 1, max: 999 }),
  )
  .map(([archive, mm, n]) => `${archive}/${mm}${String(n).padStart(3, "0")}`);
const profileId: fc.Arbitrary<ProfileId> = fc
  .tuple(fc.oneof(newId, oldId), fc.option(fc.integer({ min: 1, max: 999_999 }), { nil: undefined }))
  .map(([id, version]) => (version === undefined ? { id } : { id, version }));

describe("parseProfileId, properties", () => {
  it("reads back what formatProfileId writes, bare, prefixed and as abs/pdf links", () => {
    fc.assert(
      fc.property(profileId, (paper) => {
        const text = formatProfileId(paper);
        expect(parseProfileId(text)).toEqual(paper);
        expect(parseProfileId(`arXiv:${text}`)).toEqual(paper);
        expect(parseProfileId(`https://arxiv.org/abs/${text}`)).toEqual(paper);
        expect(parseProfileId(`https://arxiv.org/pdf/${text}.pdf`)).toEqual(paper);
      }),
      { numRuns: 2000 },
    );
  });

  it("never throws, and whatever it reads formats to text it reads the same way", () => {
    const idish = fc.string({ unit: fc.constantFrom(..."0123456789.v/:-abcdefhmprstxAGTX ".split("")) });
    fc.assert(
      fc.property(fc.oneof(fc.string(), idish), (text) => {
        const parsed = parseProfileId(text);
        if (parsed !== undefined) expect(parseProfileId(formatProfileId(parsed))).toEqual(parsed);
      }),
      { numRuns: 5000 },
    );
  });

  it("takes time linear in the length of hostile text up to the cap, and none past it", () => {
    const hostile = [
      "1".repeat(MAX_PROFILE_ID_TEXT),
      "a-".repeat(MAX_PROFILE_ID_TEXT / 2),
      `math.${"A-".repeat(MAX_PROFILE_ID_TEXT / 2 - 4)}/`,
      `arxiv.org/abs/${"9".repeat(MAX_PROFILE_ID_TEXT - 20)}`,
      `2601.20273${"v1".repeat(MAX_PROFILE_ID_TEXT / 2 - 6)}`,
    ];
    // CPU of 2,000 parses, best of five, as a ratio with a wide margin: 8 times the text must
    // take far less than the 64 times quadratic matching would.
    const parseAll = (texts: string[]) => () => {
      for (let i = 0; i < 2000; i++) for (const text of texts) parseProfileId(text);
    };
    const short = hostile.map((text) => text.slice(0, MAX_PROFILE_ID_TEXT / 8));
    expect(cpuGrowth(parseAll(short), parseAll(hostile), 5)).toBeLessThan(24);
    const huge = "1".repeat(1_000_000);
    const refused = cpuTimed(() => parseProfileId(huge));
    expect(refused.result).toBeUndefined();
    expect(refused.ms).toBeLessThan(50);
  });
});
