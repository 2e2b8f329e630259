import { describe, expect, it } from "vitest";
import { assertStrictXml, feedparse, validateAtom, validateJsonFeed } from "../helpers/validate.js";

const atom = (entry: string) =>
  '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><id>urn:x</id>' +
  `<title>t</title><updated>2026-04-27T00:00:00Z</updated><author><name>a</name></author>${entry}</feed>`;

describe("assertStrictXml", () => {
  it("accepts a well-formed document", () => {
    expect(() =>
      assertStrictXml('<?xml version="1.0"?><a b="&lt;">x &amp; <![CDATA[<y>]]>🚀</a>'),
    ).not.toThrow();
  });

  it.each([
    ["a bare ampersand", "<a>&</a>"],
    ["crossed tags", "<a><b></a></b>"],
    ["an undefined entity", "<a>&nbsp;</a>"],
    ["a reference to a control character", "<a>&#1;</a>"],
    ["< in an attribute", '<a b="<"/>'],
    ["]]> in text", "<a>]]></a>"],
    ["two root elements", "<a/><b/>"],
    ["an undeclared prefix", "<a><dc:creator>x</dc:creator></a>"],
    ["a control character", "<a>\u0001</a>"],
    ["a C1 control character", "<a>\u0085</a>"],
    ["a lone surrogate", "<a>\uD800</a>"],
    ["U+FFFE", "<a>\uFFFE</a>"],
  ])("rejects %s", (_what, xml) => {
    expect(() => assertStrictXml(xml)).toThrow();
  });
});

describe("validateAtom", () => {
  const entry =
    "<entry><id>urn:e</id><title>e</title><updated>2026-04-27T00:00:00Z</updated>" +
    '<category term="cs.LG"/><content type="html">&lt;p&gt;x&lt;/p&gt;</content></entry>';

  it("accepts a minimal valid feed", async () => {
    await expect(validateAtom(atom(entry))).resolves.toBeUndefined();
  });

  it("rejects a category without term, an entry without id, and a bad date", async () => {
    await expect(validateAtom(atom(entry.replace(' term="cs.LG"', "")))).rejects.toThrow(/xmllint/);
    await expect(validateAtom(atom(entry.replace("<id>urn:e</id>", "")))).rejects.toThrow();
    await expect(
      validateAtom(atom(entry.replace("2026-04-27T00:00:00Z", "Mon, 27 Apr 2026"))),
    ).rejects.toThrow();
  });

  it("rejects malformed XML", async () => {
    await expect(validateAtom("<feed")).rejects.toThrow();
  });
});

describe("validateJsonFeed", () => {
  const feed = {
    version: "https://jsonfeed.org/version/1.1",
    title: "t",
    feed_url: "https://x.org/feed.json",
    items: [
      { id: "1", content_html: "<p>x</p>", date_published: "2026-04-27T04:00:00.000Z", _arxiv: { score: 1 } },
    ],
  };

  it("accepts valid JSON Feed 1.1, as text or object", () => {
    expect(() => validateJsonFeed(feed)).not.toThrow();
    expect(() => validateJsonFeed(JSON.stringify(feed))).not.toThrow();
  });

  it.each([
    ["a missing title", { ...feed, title: undefined }],
    ["an unknown version", { ...feed, version: "https://jsonfeed.org/version/2" }],
    ["a relative feed_url", { ...feed, feed_url: "/feed.json" }],
    ["an item without content", { ...feed, items: [{ id: "1" }] }],
    ["a bad date", { ...feed, items: [{ id: "1", content_html: "", date_published: "27 Apr 2026" }] }],
    ["an unknown field", { ...feed, items: [{ id: "1", content_html: "", score: 1 }] }],
    ["a dotted extension key", { ...feed, items: [{ id: "1", content_html: "", _arxiv: { "a.b": 1 } }] }],
  ])("rejects %s", (_what, document) => {
    expect(() => validateJsonFeed(document)).toThrow(/JSON Feed invalid/);
  });
});

describe("feedparse", () => {
  it("reports feed, entries and authors", async () => {
    const result = await feedparse(
      atom(
        '<entry><id>urn:e</id><title type="text">a &lt; b</title><updated>2026-04-27T00:00:00Z</updated>' +
          '<link href="https://x.org/e"/><author><name>Zoë</name></author><content type="html">&lt;p&gt;x&lt;/p&gt;</content></entry>',
      ),
    );
    expect(result).toEqual({
      bozo: false,
      version: "atom10",
      feed: { title: "t" },
      entries: [
        { id: "urn:e", title: "a < b", link: "https://x.org/e", authors: ["Zoë"], content: "<p>x</p>" },
      ],
    });
  });

  it("reports broken XML as bozo", async () => {
    const result = await feedparse('<rss version="2.0"><channel><title>t &</title></channel></rss>');
    expect(result.bozo).toBe(true);
    expect(result.bozo_exception).toBeTruthy();
  });
});
