import fc from "fast-check";
import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { htmlToText } from "../../lib/summary/html-text.js";
import {
  markdownToSafeHtml,
  markdownToText,
  sanitizeFragment,
  toSafePlainText,
} from "../../lib/summary/sanitize.js";
import { HOSTILE_FIELDS } from "../helpers/openai-server.js";
import { expectHarmlessHtml, expectNoHostileTraces, XML_INVALID } from "./html-checks.js";

describe("sanitize", () => {
  it("keeps the allowed structure", () => {
    const html = markdownToSafeHtml(
      "## Heading\n\nSome **bold**, *em* and `code`.\n\n- one\n- two\n\n1. first\n\n> quote\n\n| a | b |\n|:-|-:|\n| 1 | 2 |\n\n[link](https://example.org/x?a=1&b=2) <mailto:me@example.org>",
    );
    expect(html).toContain("<h4>Heading</h4>");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<em>em</em>");
    expect(html).toContain("<code>code</code>");
    expect(html).toContain("<ul>");
    expect(html).toContain("<ol>");
    expect(html).toContain("<blockquote>");
    expect(html).toContain('<th align="left">a</th>');
    expect(html).toContain('href="https://example.org/x?a=1&amp;b=2"');
    expect(html).toContain('rel="nofollow noopener noreferrer"');
    expect(html).toContain('href="mailto:me@example.org"');
  });

  it("removes every hostile construct the fake LLM produces", () => {
    for (const value of Object.values(HOSTILE_FIELDS)) expectNoHostileTraces(markdownToSafeHtml(value));
    const html = markdownToSafeHtml(HOSTILE_FIELDS.method);
    expect(html).toContain('href="https://example.org/ok"');
    expect(markdownToSafeHtml(HOSTILE_FIELDS.problem)).toContain("<strong>bold</strong>");
  });

  it("drops protocol-relative, data and script URLs, also entity-encoded", () => {
    const html = sanitizeFragment(
      '<a href="//evil.example">a</a><a href="&#106;avascript:alert(1)">b</a><a href="data:text/html,x">c</a><a href=" javascript:x">d</a>',
    );
    expect(html).not.toContain("href");
  });

  it("drops relative links, which would resolve against the reader's address, and keeps their text", () => {
    const html = markdownToSafeHtml(
      "[bang](!) [root](/path) [up](../x) [frag](#s) [ok]( https://example.org/a )",
    );
    expect(html.match(/href="[^"]*"/g)).toEqual(['href="https://example.org/a"']);
    for (const text of ["bang", "root", "up", "frag", "ok"]) expect(html).toContain(`>${text}</a>`);
  });

  it("makes text XML-safe and defuses CDATA ends", () => {
    expect(markdownToText("a\u0000b\u0008c\u000bd\u001be\u007ff\u0085g\ud800h\uffffi")).toBe("abcdefghi");
    expect(markdownToText("emoji 🎉 and 中文")).toBe("emoji 🎉 and 中文");
    expect(toSafePlainText("x ]]> y")).toBe("x ]] > y");
    expect(sanitizeFragment("<p>x ]]> y</p>")).toBe("<p>x ]]&gt; y</p>");
  });

  it("renders Markdown to plain text without markup", () => {
    const text = markdownToText(
      "## Head\n\n**bold** <script>alert(1)</script> [l](javascript:x)\n\n- a\n- b\n\n1. c\n2. d",
    );
    expect(text).toBe("Head\n\nbold l\n\n- a\n- b\n\n1. c\n2. d");
  });

  it("reduces HTML to text with entities decoded and whitespace folded", () => {
    expect(htmlToText("<p>a &amp; b\n   c</p><ul><li><p>x</p></li><li>y</li></ul><pre>  k\n  l</pre>")).toBe(
      "a & b c\n\n- x\n\n- y\n\nk\nl",
    );
  });

  it("property: any input yields harmless, XML-embeddable HTML and text", () => {
    const pieces = fc.constantFrom(
      "<script>",
      "</script>",
      "<img src=x onerror=alert(1)>",
      "[x](javascript:alert(1))",
      "]]>",
      "<![CDATA[",
      "\u0000",
      "\u001b",
      "\ud800",
      "<style>",
      "<iframe>",
      '<a href="data:x">',
      "**",
      "\n## ",
      "\n- ",
      "`",
      "<",
      ">",
      "&",
      '"',
      "<svg onload=x>",
    );
    const input = fc
      .array(fc.oneof(pieces, fc.string(), fc.string({ unit: "binary" })), { maxLength: 30 })
      .map((a) => a.join(""));
    fc.assert(
      fc.property(input, (markdown) => {
        const html = markdownToSafeHtml(markdown);
        expectHarmlessHtml(html);
        const text = markdownToText(markdown);
        expect(text).not.toMatch(XML_INVALID);
        expect(text).not.toContain("]]>");
        // Either way a renderer may embed them, the XML stays valid.
        expect(XMLValidator.validate(`<r><![CDATA[${html}]]></r>`)).toBe(true);
        const escaped = text.replaceAll("&", "&amp;").replaceAll("<", "&lt;");
        expect(XMLValidator.validate(`<r>${escaped}</r>`)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
