import { describe, expect, it } from "vitest";
import { asciiJson } from "../../lib/store/ascii-json.js";
import { AWKWARD_STRINGS, bigValue } from "./contract.js";

const NON_ASCII = /[\u0080-\uffff]/;

describe("asciiJson", () => {
  it("escapes every non-ASCII character, pairs beyond the BMP as two escapes", () => {
    expect(asciiJson(JSON.stringify("é 論 🎓 \u2028"))).toBe('"\\u00e9 \\u8ad6 \\ud83c\\udf93 \\u2028"');
  });

  it("gives JSON.parse the same value, in ASCII bytes only: awkward strings and a 1 MB snapshot", () => {
    for (const value of [
      AWKWARD_STRINGS,
      { [AWKWARD_STRINGS[3] as string]: AWKWARD_STRINGS },
      bigValue(1_000_000),
    ]) {
      const text = asciiJson(JSON.stringify(value));
      expect(NON_ASCII.test(text)).toBe(false);
      expect(Buffer.byteLength(text)).toBe(text.length);
      expect(JSON.parse(text)).toEqual(value);
    }
  });

  it("leaves ASCII text as it is, escapes included", () => {
    const text = JSON.stringify({ a: 'quote " back \\ \u0000 \ud800', n: [1, 2.5e-7] });
    expect(asciiJson(text)).toBe(text);
  });
});
