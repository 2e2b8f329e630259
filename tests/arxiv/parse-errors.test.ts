import { describe, expect, it } from "vitest";
import { ArxivParseError, type ArxivParseErrorKind } from "../../lib/arxiv/errors.js";
import { MAX_FEED_SIZE, type ParseOutcome, parseArxivFeed } from "../../lib/arxiv/parse.js";
import { cpuGrowth, cpuTimed } from "../helpers/cpu-time.js";
import { readFixture } from "../helpers/fixtures.js";

const read = (name: string) => readFixture("arxiv", name);
const SMALL = read("real/rss-combined-cross-replace-2026-09-24.xml");
const DAILY = read("daily/rss-cs.DC.xml");

/** Parses, checking it came back within `ms` of CPU and as an error of `kind`; returns the message. */
function expectError(xml: string, kind: ArxivParseErrorKind, ms = 1000): string {
  const { ms: took, result: outcome } = cpuTimed((): ParseOutcome => parseArxivFeed(xml));
  expect(took).toBeLessThan(ms);
  expect(outcome.ok).toBe(false);
  if (outcome.ok) return "";
  expect(outcome.error).toBeInstanceOf(ArxivParseError);
  expect(outcome.error).toBeInstanceOf(Error);
  expect(outcome.error.name).toBe("ArxivParseError");
  expect(outcome.error.kind).toBe(kind);
  return outcome.error.message;
}

/** A feed with one item whose title is `title` (raw XML). */
const rssWithTitle = (title: string) =>
  SMALL.replace("<title>Random Polytope Descriptors</title>", `<title>${title}</title>`);

describe("empty and weekend feeds", () => {
  it("reads the weekend feed as zero papers with its channel", () => {
    const outcome = parseArxivFeed(read("daily/rss-cs.LG-weekend-empty.xml"));
    expect(outcome).toEqual({
      ok: true,
      feed: {
        format: "rss",
        title: "cs.LG updates on arXiv.org",
        builtAt: "2026-01-31T05:00:01.000Z",
        announced: "2026-01-31",
        skipDays: ["Sunday", "Saturday"],
        papers: [],
        skipped: [],
        paging: undefined,
      },
    });
  });

  it("reads an Atom response without entries as zero papers", () => {
    const xml =
      '<feed xmlns="http://www.w3.org/2005/Atom"><title>q</title><updated>2026-04-30T17:33:16Z</updated></feed>';
    const outcome = parseArxivFeed(xml);
    expect(outcome.ok && outcome.feed.papers).toEqual([]);
  });

  it("refuses an empty body and a body that is not XML", () => {
    expect(expectError("", "not-a-feed")).toBe("empty document");
    expect(expectError("  \n ", "not-a-feed")).toBe("empty document");
    expect(expectError("Rate exceeded.", "not-a-feed")).toMatch(/not XML: starts "Rate exceeded\."/);
    expect(expectError('{"error":"busy"}', "not-a-feed")).toMatch(/not XML/);
  });
});

describe("malformed and truncated XML", () => {
  it("refuses a daily feed cut anywhere", () => {
    for (const fraction of [0.001, 0.1, 0.33, 0.5, 0.75, 0.999]) {
      const cut = DAILY.slice(0, Math.floor(DAILY.length * fraction));
      expect(expectError(cut, "malformed")).toMatch(/^malformed XML(: ends inside <rss> <channel>| at line)/);
    }
    expect(expectError(DAILY.slice(0, DAILY.indexOf("Abstract:") + 20), "malformed")).toBe(
      "malformed XML: ends inside <rss> <channel> <item> <description> (truncated?)",
    );
  });

  it("refuses a feed cut just before its closing tags", () => {
    const message = expectError(SMALL.slice(0, SMALL.lastIndexOf("</channel>")), "malformed");
    expect(message).toBe("malformed XML: ends inside <rss> <channel> (truncated?)");
    expect(expectError(SMALL.slice(0, SMALL.lastIndexOf("</rss>")), "malformed")).toMatch(
      /Unclosed tag 'rss'/,
    );
  });

  it("refuses mismatched tags, an unescaped ampersand and a broken attribute", () => {
    expect(expectError(rssWithTitle("Oops</titel>"), "malformed")).toMatch(/closing tag/i);
    expect(expectError(rssWithTitle("AT&T and friends"), "malformed")).toMatch(/&/);
    expect(
      expectError(SMALL.replace('<guid isPermaLink="false">', '<guid isPermaLink="false>'), "malformed"),
    ).toMatch(/malformed XML/);
    expect(expectError(`${SMALL}<rss/>`, "malformed")).toMatch(/more than one root element/);
    expect(expectError(`${SMALL}<other/>`, "malformed")).toMatch(/more than one root element/);
    expect(expectError(`${SMALL}<other></other>`, "malformed")).toMatch(/root/);
  });

  it("says line and column", () => {
    const message = expectError("<rss>\n<channel>\n<title>x</channel></rss>", "malformed");
    expect(message).toMatch(/line 3, column \d+/);
  });
});

describe("documents that are not feeds", () => {
  it("recognises an HTML error page served with status 200", () => {
    const page = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>arXiv is down for maintenance</title></head>
<body><p>Back soon<br></p></body></html>`;
    expect(expectError(page, "not-a-feed")).toBe(
      'an HTML page, not a feed (title "arXiv is down for maintenance")',
    );
    expect(expectError('<?xml version="1.0"?>\n<html><body>x</body></html>', "not-a-feed")).toMatch(
      /HTML page/,
    );
  });

  it("names an unexpected root element", () => {
    expect(expectError("<?xml version='1.0'?><error><message>no</message></error>", "not-a-feed")).toMatch(
      /root element <error>/,
    );
  });

  it("refuses RSS and RDF without a channel", () => {
    expect(expectError('<rss version="2.0"></rss>', "not-a-feed")).toMatch(/without a <channel>/);
    expect(expectError('<rdf:RDF xmlns:rdf="x"><item/></rdf:RDF>', "not-a-feed")).toMatch(
      /without a <channel>/,
    );
  });

  it("turns an arXiv API error entry into an error carrying arXiv's message", () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>arXiv Query: search_query=&amp;id_list=1234.12345</title>
  <entry>
    <id>http://arxiv.org/api/errors#incorrect_id_format_for_1234.12345</id>
    <title>Error</title>
    <summary>incorrect id format for 1234.12345</summary>
  </entry>
</feed>`;
    expect(expectError(xml, "not-a-feed")).toBe("arXiv API error: incorrect id format for 1234.12345");
  });

  it("skips items it cannot read, saying why, and keeps the rest", () => {
    const xml = SMALL.replace(
      "<item>",
      "<item><title>No id here</title><description>nothing</description><category>cs.LG</category></item><item>",
    );
    const outcome = parseArxivFeed(xml);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.feed.papers).toHaveLength(4);
    expect(outcome.feed.skipped).toEqual([{ index: 0, reason: "no arXiv id in description, guid or link" }]);
  });
});

describe("hostile input stays bounded", () => {
  it("refuses input over MAX_FEED_SIZE without parsing it", () => {
    expect(MAX_FEED_SIZE).toBe(25 * 1024 * 1024);
    const huge = SMALL.replace("<channel>", `<channel><!--${" ".repeat(MAX_FEED_SIZE)}-->`);
    expect(expectError(huge, "too-large", 50)).toMatch(/over the 26214400-character limit/);
    const padding = " ".repeat(MAX_FEED_SIZE - SMALL.length - "<!---->".length);
    const justUnder = SMALL.replace("<channel>", `<channel><!--${padding}-->`);
    expect(justUnder.length).toBe(MAX_FEED_SIZE);
    expect(parseArxivFeed(justUnder).ok).toBe(true);
  });

  it("never expands DOCTYPE entities (billion laughs)", () => {
    const levels = ['<!ENTITY lol "lol">'];
    for (let i = 1; i <= 9; i++) {
      const prev = i === 1 ? "lol" : `lol${i - 1}`;
      levels.push(`<!ENTITY lol${i} "${`&${prev};`.repeat(10)}">`);
    }
    const doctype = (root: string) =>
      `<?xml version="1.0"?>\n<!DOCTYPE ${root} [\n${levels.join("\n")}\n]>\n`;
    expectError(`${doctype("lolz")}<lolz>&lol9;</lolz>`, "not-a-feed", 200);

    // Inside a real feed the references stay literal text: nothing is expanded.
    const { ms, result: outcome } = cpuTimed(() =>
      parseArxivFeed(doctype("rss") + rssWithTitle("&lol9; &lol; &amp;").replace(/^<\?xml[^>]*>/, "")),
    );
    expect(ms).toBeLessThan(200);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.feed.papers.find((p) => p.id === "2009.13987")?.title).toBe("&lol9; &lol; &");
  });

  it("refuses oversized entity declarations and external entities", () => {
    const big = `<!DOCTYPE rss [<!ENTITY big "${"x".repeat(100_000)}">]>${SMALL.replace(/^<\?xml[^>]*>/, "")}`;
    expect(expectError(big, "malformed", 200)).toMatch(/size/i);
    const xxe = `<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss><channel><title>&xxe;</title></channel></rss>`;
    expect(expectError(xxe, "malformed")).toMatch(/External entities are not supported/);
  });

  it("refuses deeply nested elements quickly", () => {
    const depth = 200_000;
    const deep = `<rss><channel>${"<x>".repeat(depth)}${"</x>".repeat(depth)}</channel></rss>`;
    expect(expectError(deep, "malformed", 1000)).toMatch(/nested/i);
    const unclosed = `<rss><channel>${"<x>".repeat(depth)}`;
    expectError(unclosed, "malformed", 1000);
  });

  it.each([
    ["a run of bare ampersands", "&", 2_000_000],
    ["ampersands without semicolons", "&amp", 500_000],
    ["entities", "&amp;&#x41;", 200_000],
    ["whitespace", " \t", 1_000_000],
    ["backslashes and accents", '\\"\\o \\', 300_000],
    ["tag-like text", "&lt;a", 400_000],
  ])("stays linear on pathological text: %s", (_name, unit, count) => {
    // Eight times the text costs about eight times the CPU, less than 24 with room for the
    // collector's growing heap (a quadratic reader: 64).
    const parse = (repeats: number) => () => {
      const outcome = parseArxivFeed(rssWithTitle(unit.repeat(repeats)));
      if (!outcome.ok) expect(outcome.error).toBeInstanceOf(ArxivParseError);
    };
    expect(cpuGrowth(parse(count / 8), parse(count))).toBeLessThan(24);
  });

  it("drops control characters and lone surrogates, numeric references included", () => {
    const outcome = parseArxivFeed(
      rssWithTitle("A&#1;B\u0007C &#xD800;D \ud800E &#x1F600; &#0;F &#65; &#x110000;"),
    );
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.feed.papers.find((p) => p.id === "2009.13987")?.title).toBe("AB C D \ufffdE 😀 F A");
  });

  it("decodes entities once: &amp;lt; is the text &lt;, not <", () => {
    const outcome = parseArxivFeed(
      rssWithTitle("x &amp;lt; y &amp;amp; &#38;lt; &lt;b&gt; &quot;q&quot; &apos;"),
    );
    expect(outcome.ok && outcome.feed.papers.find((p) => p.id === "2009.13987")?.title).toBe(
      `x &lt; y &amp; &lt; <b> "q" '`,
    );
  });

  it("keeps CDATA text as it is", () => {
    const outcome = parseArxivFeed(rssWithTitle("<![CDATA[R&D <now> &amp;]]>"));
    expect(outcome.ok && outcome.feed.papers.find((p) => p.id === "2009.13987")?.title).toBe(
      "R&D <now> &amp;",
    );
  });
});
