import { describe, expect, it } from "vitest";
import { feedNotice, modifiedWithSchedule } from "../../lib/http/feed-notice.js";
import type { FeedSnapshot } from "../../lib/model/snapshot.js";

/** The notice a feed's description carries, on a fixed clock (the suite's own day must not matter). */
const snapshot: FeedSnapshot = {
  version: "v",
  generatedAt: "2026-01-30T06:30:00.000Z",
  name: "all",
  papers: [],
};
const SATURDAY_NOON_UTC = Date.parse("2026-01-31T12:00:00Z");
const TUESDAY_NOON_UTC = Date.parse("2026-01-27T12:00:00Z");

describe("feedNotice", () => {
  it("says there is no announcement on a weekend, and when the next one is due", () => {
    const notice = feedNotice(snapshot, SATURDAY_NOON_UTC);
    expect(notice).toMatch(/^No announcement today \(weekend\)/);
    // Sunday evening's announcement reaches the feeds at their rebuild, midnight US Eastern
    // (EST, UTC-5): Monday 05:00 UTC.
    expect(notice).toContain("2026-02-02 05:00 UTC");
  });

  it("says nothing on a weekday, and how to fill an empty store", () => {
    expect(feedNotice(snapshot, TUESDAY_NOON_UTC)).toBe("");
    expect(feedNotice(null, TUESDAY_NOON_UTC)).toMatch(/No refresh has run yet.*CRON_SECRET/);
  });
});

describe("modifiedWithSchedule", () => {
  it("is the start of the current feed day when the snapshot is older, else the snapshot's time", () => {
    const friday = new Date("2026-01-30T06:30:00Z");
    // Saturday's feed day starts at midnight US Eastern: 05:00 UTC.
    expect(modifiedWithSchedule(friday, SATURDAY_NOON_UTC).toISOString()).toBe("2026-01-31T05:00:00.000Z");
    expect(modifiedWithSchedule(friday, Date.parse("2026-01-30T12:00:00Z"))).toEqual(friday);
  });
});
