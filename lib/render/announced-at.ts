const offsetFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: "America/New_York",
  timeZoneName: "longOffset",
});

/** Minutes `America/New_York` is ahead of UTC at `instant` (negative: -240 or -300). */
function easternOffsetMinutes(instant: number): number {
  const name = offsetFormat.formatToParts(instant).find((part) => part.type === "timeZoneName")?.value;
  const match = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name ?? "");
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === "-" ? -minutes : minutes;
}

/**
 * The instant of an arXiv announcement date (`YYYY-MM-DD`): midnight US Eastern of that day, the
 * time arXiv's own feeds give as `pubDate` (`Mon, 27 Apr 2026 00:00:00 -0400`). Returns
 * `fallback` when `announced` is not a valid date.
 */
export function announcedAt(announced: string, fallback: Date): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(announced);
  if (!match) return fallback;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const midnightUtc = Date.UTC(year, month - 1, day);
  const check = new Date(midnightUtc);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return fallback;
  }
  // Sampled at 05:00 UTC, before either DST switch (02:00 local) happens that day, so the offset
  // is the one in force at local midnight.
  return new Date(midnightUtc - easternOffsetMinutes(midnightUtc + 5 * 3_600_000) * 60_000);
}

/**
 * When an entry last changed: its announcement, or later when its AI summary arrived on a later
 * run, so Atom and JSON Feed readers fetch the entry again and show the summary.
 */
export function entryUpdatedAt(
  paper: { announced: string; summary?: { createdAt: string } },
  fallback: Date,
): Date {
  const announced = announcedAt(paper.announced, fallback);
  const summarised = paper.summary ? Date.parse(paper.summary.createdAt) : Number.NaN;
  return Number.isFinite(summarised) && summarised > announced.getTime() ? new Date(summarised) : announced;
}
