import { describe, expect, it } from "vitest";
import { safeDecode } from "../../lib/safe-decode.js";
import { applyRewrites, loadRewrites } from "../../lib/server/rewrites.js";

describe("safeDecode", () => {
  it("decodes escapes and leaves a malformed one as it is", () => {
    expect(safeDecode("a%2Cb%20c")).toBe("a,b c");
    expect(safeDecode("100%ZZ")).toBe("100%ZZ");
    expect(safeDecode("%E0%A4%A")).toBe("%E0%A4%A");
  });

  it("lets a rewrite match a path with a malformed escape instead of throwing", () => {
    const rewrites = loadRewrites(new URL("../../vercel.json", import.meta.url).pathname);
    const url = applyRewrites(new URL("http://localhost/rss/cs%ZZ"), rewrites);
    expect(url?.pathname).toBe("/api/feed");
    expect(url?.searchParams.get("category")).toBe("cs%ZZ");
  });
});
