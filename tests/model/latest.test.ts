import { describe, expect, it } from "vitest";
import { latest } from "../../lib/model/latest.js";

describe("latest", () => {
  it("is the latest ISO time or day, skipping missing ones; undefined when there are none", () => {
    expect(latest(["2026-01-29T06:30:00.000Z", undefined, "2026-01-30T05:00:02.000Z", null, ""])).toBe(
      "2026-01-30T05:00:02.000Z",
    );
    expect(latest(["2026-01-30", "2026-01-29", "2025-12-31"])).toBe("2026-01-30");
    expect(latest([])).toBeUndefined();
    expect(latest([undefined, null])).toBeUndefined();
  });
});
