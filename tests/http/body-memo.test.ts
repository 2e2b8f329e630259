import { describe, expect, it } from "vitest";
import { hasBody, memoBody } from "../../lib/http/body-memo.js";
import { bytesOf, bytesResponse } from "../../lib/http/bytes-response.js";

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString("utf8");

describe("memoBody", () => {
  it("builds a body once per ETag, and keeps it as its UTF-8 bytes", () => {
    let builds = 0;
    const build = () => `body ${++builds} — ü 論文`;
    const first = memoBody('"a1"', build);
    expect(text(first.bytes)).toBe("body 1 — ü 論文");
    expect(first.bytes.byteLength).toBe(Buffer.byteLength("body 1 — ü 論文"));
    expect(memoBody('"a1"', build).bytes).toBe(first.bytes);
    expect(text(memoBody('"b1"', build).bytes)).toBe("body 2 — ü 論文");
    expect(builds).toBe(2);
    expect(hasBody('"a1"')).toBe(true);
    expect(hasBody('"never"')).toBe(false);
  });

  it("keeps bytes built as bytes as they are", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x41]);
    expect(memoBody('"bytes"', () => bytes).bytes).toBe(bytes);
  });

  it("forgets the least recently used bodies beyond its bound", () => {
    let builds = 0;
    const build = () => `x${++builds}`;
    memoBody('"first"', build);
    for (let i = 0; i < 100; i++) memoBody(`"fill-${i}"`, build);
    const before = builds;
    memoBody('"first"', build);
    expect(builds).toBe(before + 1);
  });
});

describe("bytesResponse", () => {
  it("streams the bytes it was given, the same ones bytesOf hands the local server", async () => {
    const bytes = Buffer.from("<rss>ü</rss>");
    const response = bytesResponse(bytes, { headers: { "content-type": "application/rss+xml" } });
    expect(bytesOf(response)).toBe(bytes);
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
    expect(response.headers.get("content-type")).toBe("application/rss+xml");
    // Reading the body copies out of it: the memoised bytes are unchanged and still whole.
    expect(bytes.toString()).toBe("<rss>ü</rss>");
    expect(bytesOf(new Response(bytes))).toBeUndefined();
  });
});
