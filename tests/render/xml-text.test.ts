import { describe, expect, it } from "vitest";
import { escapeXml, escapeXmlText, xmlText, xmlTextDeep } from "../../lib/render/xml-text.js";
import { findNonXmlChar } from "../helpers/validate.js";

describe("xmlText", () => {
  it("strips C0 controls but tab, LF and CR; DEL and C1; U+FFFE/FFFF; lone surrogates", () => {
    const input =
      "a\u0000b\u0001\u0008\u000B\u000C\u000E\u001F\tc\nd\re\u007F\u0080\u0085\u009Ff\uFFFE\uFFFFg\uD800h\uDFFFi";
    expect(xmlText(input)).toBe("ab\tc\nd\refgh" + "i");
  });

  it("keeps surrogate pairs, RTL marks, emoji sequences and non-Latin text", () => {
    const text = "🚀👩‍🔬 \u202Eعربي\u202C 田中 Zoë \uD83D\uDE00 \u00A0\u00FF\uFFFD";
    expect(xmlText(text)).toBe(text);
  });

  it("strips a high surrogate at the end and a low surrogate at the start", () => {
    expect(xmlText("\uDC00x\uD83D")).toBe("x");
    expect(xmlText("\uD83D\uD83D\uDE00")).toBe("\uD83D\uDE00");
  });

  it("leaves nothing the validator would reject, for every UTF-16 unit", () => {
    const all = Array.from({ length: 0x10000 }, (_, code) => String.fromCharCode(code)).join("");
    expect(findNonXmlChar(xmlText(all))).toBeUndefined();
  });

  it("cleans every string inside arrays and plain objects, keeping other values", () => {
    const date = new Date(0);
    const cleaned = xmlTextDeep({ a: "x\u0000", b: ["\uD800y", 1, true, null], c: { d: "z\u0001" }, date });
    expect(cleaned).toEqual({ a: "x", b: ["y", 1, true, null], c: { d: "z" }, date });
    expect(cleaned.date).toBe(date);
  });
});

describe("escapeXml", () => {
  it("escapes the five XML-significant characters, and only those", () => {
    expect(escapeXml(`<a href="x">Tom & 'Jerry'</a> &amp;`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt; &amp;amp;",
    );
    expect(escapeXmlText(`<"'&>`)).toBe(`&lt;"'&amp;&gt;`);
  });
});
