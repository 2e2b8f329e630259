import { describe, expect, it } from "vitest";
import { isStale } from "../../lib/cli/staleness.js";
import type { RefreshMeta } from "../../lib/model/refresh-meta.js";

const meta = (fields: Partial<RefreshMeta>): RefreshMeta => ({
  version: "v",
  startedAt: "2026-01-29T06:00:00Z",
  finishedAt: "2026-01-29T06:00:05Z",
  durationMs: 5000,
  status: "ok",
  categories: {},
  feeds: {},
  arxivRequests: 1,
  ...fields,
});
const thursdayNoon = Date.parse("2026-01-29T17:00:00Z");

describe("isStale (npm start refreshes when stale)", () => {
  it("an empty store is stale", () => {
    expect(isStale(null, thursdayNoon)).toBe(true);
  });

  it("a success after today's rebuild is current; one before it is stale", () => {
    expect(isStale(meta({ lastSuccessAt: "2026-01-29T06:00:05Z" }), thursdayNoon)).toBe(false);
    expect(isStale(meta({ lastSuccessAt: "2026-01-28T06:00:05Z" }), thursdayNoon)).toBe(true);
  });

  it("a failed run today does not count: the next start tries again", () => {
    const failedToday = meta({
      status: "failed",
      finishedAt: "2026-01-29T16:00:00Z",
      lastSuccessAt: undefined,
    });
    expect(isStale(failedToday, thursdayNoon)).toBe(true);
  });

  it("over the weekend, Friday's success is current", () => {
    const sunday = Date.parse("2026-02-01T12:00:00Z");
    expect(isStale(meta({ lastSuccessAt: "2026-01-30T06:00:00Z" }), sunday)).toBe(false);
  });
});
