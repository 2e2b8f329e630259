import { describe, expect, it } from "vitest";
import { arxivFeedDate, easternMidnight, isSkipDay, nextAnnouncement } from "../../lib/arxiv/schedule.js";

/** Intl's own answer, unmemoised: what the schedule's memoised arithmetic must equal. */
const reference = new Intl.DateTimeFormat("en-US", {
  timeZone: "America/New_York",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  weekday: "short",
});
function expected(time: number): { date: string; weekend: boolean } {
  const parts = Object.fromEntries(reference.formatToParts(new Date(time)).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekend: parts.weekday === "Sat" || parts.weekday === "Sun",
  };
}

/** A small deterministic generator (mulberry32), so a failure names a reproducible instant. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOUR = 3_600_000;
const check = (time: number) => {
  const want = expected(time);
  expect({ time, date: arxivFeedDate(time), weekend: isSkipDay(time) }).toEqual({ time, ...want });
};

describe("the schedule's memoised time-zone arithmetic", () => {
  it("equals Intl at random instants from 1850 to 2150, each asked twice (the second from the memo)", () => {
    const next = random(13);
    const from = Date.UTC(1850, 0, 1);
    const span = Date.UTC(2150, 0, 1) - from;
    for (let i = 0; i < 3000; i++) {
      const time = from + Math.floor(next() * span);
      check(time);
      check(time);
    }
  });

  it("equals Intl on each side of every EST/EDT switch from 1970 to 2040, to the second", () => {
    // A switch happens at a whole UTC hour; find each one by the offset changing between hours.
    let switches = 0;
    for (let hour = Date.UTC(1970, 0, 1) / HOUR; hour < Date.UTC(2040, 0, 1) / HOUR; hour += 24) {
      const day = hour * HOUR;
      if (easternHour(day) === easternHour(day + 24 * HOUR)) continue;
      switches++;
      for (let h = 0; h <= 24; h++) {
        for (const delta of [-1000, -1, 0, 1, 1000, 59 * 60_000]) check(day + h * HOUR + delta);
      }
    }
    expect(switches).toBeGreaterThan(130);
  });

  it("equals Intl across 1883's switch from local mean time (-4:56:02), which is not on an hour", () => {
    const switchAt = Date.parse("1883-11-18T17:00:00Z");
    for (let t = switchAt - 2 * HOUR; t <= switchAt + 2 * HOUR; t += 61_000) check(t);
  });

  it("finds midnight and the next announcement as before, from the memo too", () => {
    for (let i = 0; i < 2; i++) {
      expect(easternMidnight("2026-03-08").toISOString()).toBe("2026-03-08T05:00:00.000Z");
      expect(easternMidnight("2026-03-09").toISOString()).toBe("2026-03-09T04:00:00.000Z");
      expect(nextAnnouncement(Date.parse("2026-03-07T17:00:00Z")).toISOString()).toBe(
        "2026-03-09T04:00:00.000Z",
      );
    }
    // A Date handed out is the caller's: changing it changes no later answer.
    easternMidnight("2026-01-29").setTime(0);
    expect(easternMidnight("2026-01-29").toISOString()).toBe("2026-01-29T05:00:00.000Z");
  });
});

const hourOnly = new Intl.DateTimeFormat("en-US", {
  timeZone: "America/New_York",
  hour: "2-digit",
  hourCycle: "h23",
});
/** Eastern's hour at `time`: differs a day later, same UTC hour, only across a switch. */
const easternHour = (time: number): string => hourOnly.format(new Date(time));
