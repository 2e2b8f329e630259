import { describe, expect, it } from "vitest";
import { arxivLinks, parseArxivId } from "../../lib/arxiv/arxiv-id.js";
import { splitAuthors } from "../../lib/arxiv/parse-authors.js";
import { arxivDay, isoTime } from "../../lib/arxiv/parse-date.js";
import { buildPaper, inferAnnounceType, toAnnounceType } from "../../lib/arxiv/parse-paper.js";
import { MAX_XML_MARKUP, readXml } from "../../lib/arxiv/parse-xml.js";
import { cleanText, decodeXmlEntities, htmlToText, texAccentsToUnicode } from "../../lib/arxiv/text.js";
import { cpuTimed } from "../helpers/cpu-time.js";

describe("parseArxivId", () => {
  it.each([
    ["arXiv:2604.21952v1", "2604.21952", 1],
    ["http://arxiv.org/abs/2604.26951v12", "2604.26951", 12],
    ["https://arxiv.org/abs/2604.21952", "2604.21952", undefined],
    ["oai:arXiv.org:2609.26811v1", "2609.26811", 1],
    ["0704.0001v2", "0704.0001", 2],
    ["arXiv:hep-ex/0101001v2", "hep-ex/0101001", 2],
    ["http://arxiv.org/abs/cond-mat/0702123v1", "cond-mat/0702123", 1],
    ["math.GT/0309136", "math/0309136", undefined],
    ["https://arxiv.org/abs/math.GT/0309136v3", "math/0309136", 3],
  ])("%s → %s v%s", (text, id, version) => {
    expect(parseArxivId(text)).toEqual({ id, version });
  });

  it.each([
    "",
    "no id",
    "arXiv:12345.6789",
    "2604.219521",
    "x2604.21952",
    "http://arxiv.org/abs/",
    "hep-ex/010100",
  ])("finds none in %j", (text) => {
    expect(parseArxivId(text)).toBeUndefined();
  });

  it("ignores version 0", () => {
    expect(parseArxivId("arXiv:2604.21952v0")).toEqual({ id: "2604.21952", version: undefined });
  });

  it("builds links for exactly this version", () => {
    expect(arxivLinks("hep-ex/0101001", 2)).toEqual({
      abs: "https://arxiv.org/abs/hep-ex/0101001",
      pdf: "https://arxiv.org/pdf/hep-ex/0101001v2",
      html: "https://arxiv.org/html/hep-ex/0101001v2",
    });
  });
});

describe("splitAuthors", () => {
  it.each([
    ["Fabien Polly", ["Fabien Polly"]],
    ["Pritam Dey, Zhengwu Zhang, David B. Dunson", ["Pritam Dey", "Zhengwu Zhang", "David B. Dunson"]],
    ["Alice Smith and Bob Jones", ["Alice Smith", "Bob Jones"]],
    ["A. One, B. Two, and C. Three", ["A. One", "B. Two", "C. Three"]],
    ["A. One, B. Two and C. Three", ["A. One", "B. Two", "C. Three"]],
    ["Sandy Anderson, Andrea Andrews", ["Sandy Anderson", "Andrea Andrews"]],
    ["Research and Development Team, Jane Doe", ["Research and Development Team", "Jane Doe"]],
    ["John Smith, Jr., Mary Major", ["John Smith, Jr.", "Mary Major"]],
    ["R. Aaij, et al.", ["R. Aaij"]],
    ["  Jörg\n  Frochte ,  王磊  ", ["Jörg Frochte", "王磊"]],
    ['J\\"org M\\"uller, Fran{\\c{c}}ois', ["Jörg Müller", "François"]],
    ["", []],
  ])("%j", (line, names) => {
    expect(splitAuthors(line)).toEqual(names);
  });
});

describe("text", () => {
  it("decodes the XML entities and numeric references once", () => {
    expect(decodeXmlEntities("a &amp;lt; b &lt; c &#x41;&#66; &#38;amp;")).toBe("a &lt; b < c AB &amp;");
    expect(decodeXmlEntities("&nbsp; &unknown; & alone &;")).toBe("&nbsp; &unknown; & alone &;");
    expect(decodeXmlEntities("&#0;&#x8;&#xD800;&#9;")).toBe("\t");
  });

  it("turns HTML into text, decoding HTML entities once", () => {
    expect(htmlToText("<p>Caf&eacute; &amp;amp; B<sub>s</sub> &nbsp;meson&hellip;</p>")).toBe(
      " Caf&eacute; &amp; Bs \u00a0meson\u2026 ",
    );
  });

  it("folds whitespace and removes what XML 1.0 cannot carry", () => {
    expect(cleanText("  a \n\t b\u00a0\u00a0c  ")).toBe("a b c");
    expect(cleanText("a\u0000b\u0008c\u007f\u0085d")).toBe("a b c d");
    expect(cleanText("x\ud800y\udc00z \ud83d\ude00")).toBe("x\ufffdy\ufffdz \ud83d\ude00");
    expect(cleanText("plain")).toBe("plain");
  });

  it("turns TeX accents into Unicode but leaves math alone", () => {
    expect(texAccentsToUnicode('Landauer-B\\"uttiker')).toBe("Landauer-Büttiker");
    expect(texAccentsToUnicode("{\\'e}t{\\'{e}} \\`a \\^o \\~n \\=a \\.z")).toBe("été à ô ñ ā ż");
    expect(texAccentsToUnicode("\\v{S}koda \\c{c} {\\v s} \\H{o} \\'{\\i}")).toBe("Škoda ç š ő í");
    expect(texAccentsToUnicode("{\\o}rsted \\O ster {\\ss} \\AA{}ngstr\\\"om \\L{}ód\\'z")).toBe(
      "ørsted Øster ß Ångström Łódź",
    );
    for (const math of [
      "$\\ln\\ln T$",
      "$O(n \\log n)$",
      "$\\ell_1$",
      "$\\vec{v}\\cdot\\Omega$",
      "\\url{x}",
    ]) {
      expect(texAccentsToUnicode(math)).toBe(math);
    }
  });
});

describe("dates in arXiv's time zone", () => {
  it.each([
    ["Thu, 29 Jan 2026 00:00:00 -0500", "2026-01-29"],
    ["Thu, 24 Sep 2026 00:00:00 -0400", "2026-09-24"],
    ["Thu, 29 Jan 2026 04:59:00 +0000", "2026-01-28"],
    ["2026-04-29T17:59:01Z", "2026-04-29"],
    ["2026-04-30T03:30:00Z", "2026-04-29"],
    ["2021-07-08T20:30:00-05:00", "2021-07-08"],
  ])("%s → %s", (text, day) => {
    expect(arxivDay(text)).toBe(day);
  });

  it("gives undefined for what is not a time", () => {
    expect(arxivDay("yesterday")).toBeUndefined();
    expect(arxivDay(undefined)).toBeUndefined();
    expect(isoTime("not a date")).toBeUndefined();
    expect(isoTime("Mon, 27 Apr 2026 04:00:01 +0000")).toBe("2026-04-27T04:00:01.000Z");
  });

  it("rejects what only Date.parse's leniency would read as a time", () => {
    // Each of these parses in V8 to some year; none is a date an arXiv feed would write.
    for (const text of ["201\u00005-12-26T21:19:45Z", "1 2 3", "0200-12-31", "Thu 29 Jan"])
      expect(arxivDay(text), JSON.stringify(text)).toBeUndefined();
    expect(arxivDay("Thu, 29 Jan 2026 00:00:00 GMT")).toBe("2026-01-28");
  });
});

describe("papers", () => {
  it("reads and infers announce types", () => {
    expect(toAnnounceType(" Replace-Cross ")).toBe("replace-cross");
    expect(toAnnounceType("updated")).toBeUndefined();
    expect(inferAnnounceType(1)).toBe("new");
    expect(inferAnnounceType(3)).toBe("replace");
  });

  it("moves the primary category first, once, and needs one", () => {
    const base = {
      id: "2604.00001",
      version: 1,
      title: "t",
      authors: [],
      abstract: "a",
      announceType: "new" as const,
      announced: "2026-04-29",
    };
    expect(
      buildPaper({ ...base, categories: ["cs.AI", "cs.LG", "cs.AI"], primaryCategory: "cs.LG" }),
    ).toMatchObject({
      categories: ["cs.LG", "cs.AI"],
      primaryCategory: "cs.LG",
    });
    expect(buildPaper({ ...base, categories: [] })).toBeUndefined();
    expect(Object.keys(buildPaper({ ...base, categories: ["x"] }) ?? {})).not.toContain("doi");
  });
});

describe("readXml limits", () => {
  it("refuses more markup than MAX_XML_MARKUP before parsing", () => {
    const many = `<rss><channel>${"<x/>".repeat(MAX_XML_MARKUP)}</channel></rss>`;
    const { ms, result } = cpuTimed(() => readXml(many));
    expect(ms).toBeLessThan(500);
    expect(result).toMatchObject({
      kind: "malformed",
      message: `more than ${MAX_XML_MARKUP} tags: not an arXiv feed`,
    });
  });
});
