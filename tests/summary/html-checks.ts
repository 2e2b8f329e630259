import { Parser } from "htmlparser2";
import { expect } from "vitest";

// Anything XML 1.0 forbids, plus C1 controls.
export const XML_INVALID = /[^\t\n\r\u0020-\u007e\u00a0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

const ALLOWED = new Set(
  "p br ul ol li strong em del code pre blockquote h3 h4 h5 h6 hr a table thead tbody tr th td".split(" "),
);

/** Parses the HTML as a browser would and checks every element and attribute against the allowlist. */
export function expectHarmlessHtml(html: string): void {
  const parser = new Parser({
    onopentag(name, attribs) {
      expect(ALLOWED, `tag <${name}>`).toContain(name);
      for (const [attr, value] of Object.entries(attribs)) {
        expect(["href", "rel", "align"], `attribute ${attr} on <${name}>`).toContain(attr);
        if (attr === "href") expect(value).toMatch(/^(https?:|mailto:)/i);
      }
    },
  });
  parser.write(html);
  parser.end();
  expect(html).not.toContain("]]>");
  expect(html).not.toMatch(XML_INVALID);
}

/** Stricter, for the known hostile answer: not even the words survive as text. */
export function expectNoHostileTraces(html: string): void {
  expectHarmlessHtml(html);
  expect(html).not.toMatch(
    /<\s*(script|style|iframe|img|svg|form)\b|\son[a-z]+\s*=|javascript:|data:|style=|alert\(/i,
  );
}
