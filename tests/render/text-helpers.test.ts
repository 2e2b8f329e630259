import { describe, expect, it } from "vitest";
import { announcedAt } from "../../lib/render/announced-at.js";
import { foldWhitespace, truncate } from "../../lib/render/truncate.js";
import { httpUrl, paperUrls } from "../../lib/render/urls.js";

describe("truncate", () => {
  it("cuts at `max` code points and adds the ellipsis only when it cut", () => {
    expect(truncate("abcdef", 3)).toBe("abc...");
    expect(truncate("abc", 3)).toBe("abc");
    expect(truncate("🚀🚀🚀🚀", 2)).toBe("🚀🚀...");
    expect(truncate("🚀🚀", 2)).toBe("🚀🚀");
    expect(truncate("abc", 0, "…")).toBe("…");
  });

  it("folds whitespace", () => {
    expect(foldWhitespace("  a\n\tb  c \r\n")).toBe("a b c");
  });
});

describe("announcedAt", () => {
  const fallback = new Date("2000-01-01T00:00:00Z");

  it("is midnight US Eastern of the announcement date, across DST changes", () => {
    expect(announcedAt("2026-04-27", fallback).toISOString()).toBe("2026-04-27T04:00:00.000Z");
    expect(announcedAt("2026-01-29", fallback).toISOString()).toBe("2026-01-29T05:00:00.000Z");
    // DST starts 2026-03-08 and ends 2026-11-01 at 02:00 local: both midnights are before it.
    expect(announcedAt("2026-03-08", fallback).toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(announcedAt("2026-03-09", fallback).toISOString()).toBe("2026-03-09T04:00:00.000Z");
    expect(announcedAt("2026-11-01", fallback).toISOString()).toBe("2026-11-01T04:00:00.000Z");
    expect(announcedAt("2026-11-02", fallback).toISOString()).toBe("2026-11-02T05:00:00.000Z");
  });

  it("falls back for a malformed or impossible date", () => {
    expect(announcedAt("2026-02-30", fallback)).toBe(fallback);
    expect(announcedAt("27 Apr 2026", fallback)).toBe(fallback);
    expect(announcedAt("", fallback)).toBe(fallback);
  });
});

describe("urls", () => {
  it("accepts absolute http(s) URLs only, normalised", () => {
    expect(httpUrl("https://arxiv.org/abs/1 2", "f")).toBe("https://arxiv.org/abs/1%202");
    expect(httpUrl("HTTP://ARXIV.org", "f")).toBe("http://arxiv.org/");
    expect(httpUrl("javascript:alert(1)", "f")).toBe("f");
    expect(httpUrl("/abs/1", "f")).toBe("f");
    expect(httpUrl("", "f")).toBe("f");
  });

  it("builds stable arXiv URLs, old-style ids included", () => {
    const links = { abs: "nope", pdf: "ftp://x", html: "" };
    expect(paperUrls({ id: "hep-ex/0101001", version: 3, links })).toEqual({
      entryId: "https://arxiv.org/abs/hep-ex/0101001",
      abs: "https://arxiv.org/abs/hep-ex/0101001",
      pdf: "https://arxiv.org/pdf/hep-ex/0101001v3",
      html: "https://arxiv.org/html/hep-ex/0101001v3",
    });
  });
});
