/** Formatting of times, names and numbers for display. */

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const UNITS = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** A `Date` from an ISO string, or null when missing or unparseable. */
export function parseTime(value) {
  if (typeof value !== "string" || !value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "2 hours ago", "in 3 days", "just now". */
export function relativeTime(date, now = Date.now()) {
  const seconds = (date.getTime() - now) / 1000;
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return "just now";
}

/** "Mon, 27 Apr, 14:05" in the reader's time zone. */
export function dateTime(date) {
  return date.toLocaleString(undefined, {
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
  });
}

/** "Monday 27 April at 06:00 CEST" in the reader's time zone. */
export function longDateTime(date) {
  return date.toLocaleString(undefined, {
    weekday: "long",
    day: "numeric",
    month: "long",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  });
}

/** "A, B, C and 5 others" for long author lists. */
export function shortAuthors(authors, max = 4) {
  if (!Array.isArray(authors) || authors.length === 0) return "Unknown authors";
  if (authors.length <= max) return authors.join(", ");
  const others = authors.length - max + 1;
  return `${authors.slice(0, max - 1).join(", ")} and ${others} others`;
}

/** A score with at most one decimal: 7, 7.5. */
export function score(value) {
  return typeof value === "number" && Number.isFinite(value) ? String(Math.round(value * 10) / 10) : "–";
}

/** "1 paper", "3 papers". */
export function plural(count, one, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`;
}
