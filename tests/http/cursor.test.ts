import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "../../lib/api/cursor.js";

describe("cursors", () => {
  it("round-trip the offset for the same snapshot and filters", () => {
    const cursor = encodeCursor("v1", 50, "filters");
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, "v1", "filters")).toEqual({ ok: true, offset: 50 });
  });

  it("are refused after a refresh, for other filters, and when forged", () => {
    const cursor = encodeCursor("v1", 50, "filters");
    expect(decodeCursor(cursor, "v2", "filters")).toEqual({ ok: false, problem: "stale" });
    expect(decodeCursor(cursor, "v1", "other")).toEqual({ ok: false, problem: "other-query" });
    const forged = Buffer.from(JSON.stringify({ v: "v1", o: -3, q: "x" })).toString("base64url");
    expect(decodeCursor(forged, "v1", "filters")).toEqual({ ok: false, problem: "malformed" });
    expect(decodeCursor(Buffer.from("null").toString("base64url"), "v1", "filters").ok).toBe(false);
  });

  it("never accept a random string (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expect(decodeCursor(text, "v1", "filters").ok).toBe(false);
      }),
    );
  });
});
