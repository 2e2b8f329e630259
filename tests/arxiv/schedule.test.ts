import { describe, expect, it } from "vitest";
import {
  arxivFeedDate,
  easternMidnight,
  isSkipDay,
  latestAnnouncementDate,
  nextAnnouncement,
} from "../../lib/arxiv/schedule.js";

const at = (iso: string) => Date.parse(iso);

describe("arXiv schedule", () => {
  it("dates feeds in US Eastern time", () => {
    // 03:00 UTC on Thursday is still Wednesday evening in New York.
    expect(arxivFeedDate(at("2026-01-29T03:00:00Z"))).toBe("2026-01-28");
    expect(arxivFeedDate(at("2026-01-29T05:30:00Z"))).toBe("2026-01-29");
  });

  it("knows weekends are skip days", () => {
    expect(isSkipDay(at("2026-01-31T12:00:00Z"))).toBe(true); // Saturday
    expect(isSkipDay(at("2026-02-01T12:00:00Z"))).toBe(true); // Sunday
    expect(isSkipDay(at("2026-02-02T12:00:00Z"))).toBe(false); // Monday
  });

  it("finds the latest announcement: Friday's over the weekend", () => {
    expect(latestAnnouncementDate(at("2026-02-01T12:00:00Z"))).toBe("2026-01-30");
    expect(latestAnnouncementDate(at("2026-01-29T12:00:00Z"))).toBe("2026-01-29");
  });

  it("computes midnight Eastern in winter and summer time", () => {
    expect(easternMidnight("2026-01-29").toISOString()).toBe("2026-01-29T05:00:00.000Z");
    expect(easternMidnight("2026-04-27").toISOString()).toBe("2026-04-27T04:00:00.000Z");
  });

  it("expects the next announcement on the next weekday", () => {
    // Saturday noon → Monday 00:00 Eastern.
    expect(nextAnnouncement(at("2026-01-31T17:00:00Z")).toISOString()).toBe("2026-02-02T05:00:00.000Z");
    // Thursday noon → Friday.
    expect(nextAnnouncement(at("2026-01-29T17:00:00Z")).toISOString()).toBe("2026-01-30T05:00:00.000Z");
    // Friday noon → Monday.
    expect(nextAnnouncement(at("2026-01-30T17:00:00Z")).toISOString()).toBe("2026-02-02T05:00:00.000Z");
  });
});
