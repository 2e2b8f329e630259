import { describe, expect, it } from "vitest";
import { isValidHost, type OriginEnv, publicOrigin } from "../../lib/http/feed-urls.js";

const FORWARDED = { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };
const origin = (
  env: OriginEnv,
  headers: Record<string, string> = FORWARDED,
  url = "http://10.0.0.5:3000/rss",
) => publicOrigin(new Request(url, { headers }), { env });

describe("publicOrigin", () => {
  it("prefers PUBLIC_BASE_URL over anything a request says", () => {
    expect(origin({ PUBLIC_BASE_URL: "https://feeds.example.org/", VERCEL: "1" })).toBe(
      "https://feeds.example.org",
    );
  });

  it("ignores forwarded headers on a self-hosted server unless TRUST_PROXY=1", () => {
    expect(origin({})).toBe("http://10.0.0.5:3000");
    expect(origin({ TRUST_PROXY: "yes" })).toBe("http://10.0.0.5:3000");
    expect(origin({ TRUST_PROXY: "1" })).toBe("https://evil.example");
  });

  it("takes the value the trusted proxy appended, not one a client sent before it", () => {
    const headers = {
      "x-forwarded-host": "evil.example, feeds.example.org",
      "x-forwarded-proto": "http, https",
    };
    expect(origin({ TRUST_PROXY: "1" }, headers)).toBe("https://feeds.example.org");
  });

  it("refuses malformed forwarded values even from a trusted proxy", () => {
    for (const host of ["a@evil", "[", "evil.example/x", "x:99999", ""])
      expect(origin({ TRUST_PROXY: "1" }, { "x-forwarded-host": host }), host).toBe("http://10.0.0.5:3000");
    expect(
      origin({ TRUST_PROXY: "1" }, { "x-forwarded-host": "ok.example", "x-forwarded-proto": "gopher" }),
    ).toBe("http://10.0.0.5:3000");
  });

  it("uses Vercel's production domain on production, its forwarded headers on previews", () => {
    const vercel = {
      VERCEL: "1",
      VERCEL_URL: "app-git-x.vercel.app",
      VERCEL_PROJECT_PRODUCTION_URL: "app.vercel.app",
    };
    expect(origin({ ...vercel, VERCEL_ENV: "production" })).toBe("https://app.vercel.app");
    expect(origin({ ...vercel, VERCEL_ENV: "preview" }, { "x-forwarded-host": "app-git-x.vercel.app" })).toBe(
      "https://app-git-x.vercel.app",
    );
    expect(origin({ ...vercel, VERCEL_ENV: "preview" }, {})).toBe("https://app-git-x.vercel.app");
  });
});

describe("isValidHost", () => {
  it.each(["localhost", "127.0.0.1:3000", "[::1]:8080", "my_app.internal", "feeds.example.org."])(
    "accepts %s",
    (host) => expect(isValidHost(host)).toBe(true),
  );
  it.each(["[", "a@evil", "a b", "a/b", "x:99999", "a..b", "", ":80", `${"a".repeat(64)}.example`])(
    "refuses %s",
    (host) => expect(isValidHost(host)).toBe(false),
  );
});
