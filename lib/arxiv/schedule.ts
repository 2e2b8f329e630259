/**
 * arXiv's timetable: new submissions are announced Sunday to Thursday at 20:00 US Eastern, and
 * rss.arxiv.org rebuilds its feeds at midnight Eastern, so a feed dated Monday to Friday carries
 * an announcement and Saturday's and Sunday's feeds are empty. (arXiv also skips a few holidays a
 * year; those show up as empty feeds and are reported as such.)
 */
const ZONE = "America/New_York";
const DAY_MS = 86_400_000;

const HOUR_MS = 3_600_000;
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

const formatter = new Intl.DateTimeFormat("en-US", {
  timeZone: ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  weekday: "short",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

interface EasternParts {
  date: string;
  weekday: string;
  hour: number;
  minute: number;
}

/** Eastern's wall clock at `time` from Intl (~20 µs a call, the cost memoising avoids). */
function formatted(time: number): EasternParts & { second: number } {
  const parts = Object.fromEntries(formatter.formatToParts(new Date(time)).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: parts.weekday ?? "",
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Eastern minus UTC at `time`, ms (whole seconds: even the 1883 local mean time was -4:56:02). */
function offsetAt(time: number): number {
  const { date, hour, minute, second } = formatted(time);
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d, hour, minute, second) - (time - (((time % 1000) + 1000) % 1000));
}

/** Years whose dates Intl writes as four plain digits, as the UTC arithmetic below does. */
const FAST_FROM = Date.UTC(1000, 0, 1);
const FAST_UNTIL = Date.UTC(9999, 0, 1);

/**
 * Eastern's offset over each UTC hour, or null for an hour in which it changes. The zone's
 * offsets change only at whole UTC hours (02:00 local, since 1883), so one Intl call per hour
 * and end answers every instant of it exactly; the check at the hour's last second catches any
 * hour where that does not hold, which keeps Intl's answer. Cleared when full (a process sees
 * a handful of hours).
 */
const hourOffsets = new Map<number, number | null>();
const MAX_HOURS = 4096;

function hourOffset(time: number): number | null {
  const hour = Math.floor(time / HOUR_MS);
  let offset = hourOffsets.get(hour);
  if (offset === undefined) {
    const start = offsetAt(hour * HOUR_MS);
    offset = start === offsetAt(hour * HOUR_MS + HOUR_MS - 1000) ? start : null;
    if (hourOffsets.size >= MAX_HOURS) hourOffsets.clear();
    hourOffsets.set(hour, offset);
  }
  return offset;
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * Wall clocks by UTC minute (read-only): every request of a minute asks for that minute's and
 * the next day's (Cache-Control's next announcement). Cleared when full.
 */
const minutes = new Map<number, EasternParts>();

function eastern(time: number): EasternParts {
  const offset = time >= FAST_FROM && time < FAST_UNTIL ? hourOffset(time) : null;
  if (offset === null) return formatted(time);
  // With a whole-minute offset, a UTC minute is one Eastern minute.
  const minute = Math.floor(time / 60_000);
  const whole = offset % 60_000 === 0;
  const known = whole ? minutes.get(minute) : undefined;
  if (known) return known;
  const local = new Date(time + offset);
  const parts = {
    date: `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`,
    weekday: WEEKDAYS[local.getUTCDay()] ?? "",
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
  };
  if (whole) {
    if (minutes.size >= 64) minutes.clear();
    minutes.set(minute, parts);
  }
  return parts;
}

const isWeekend = (weekday: string) => weekday === "Sat" || weekday === "Sun";

/** The date (`YYYY-MM-DD`, Eastern) of the feed arXiv serves at `now`. */
export function arxivFeedDate(now: number): string {
  return eastern(now).date;
}

/** True when arXiv's feeds are empty at `now` (Saturday or Sunday, Eastern). */
export function isSkipDay(now: number): boolean {
  return isWeekend(eastern(now).weekday);
}

/** Weekday name for messages ("weekend" days are Saturday and Sunday). */
export function skipReason(now: number): string | undefined {
  return isSkipDay(now) ? "weekend" : undefined;
}

/** The date of the most recent feed that carried an announcement (a weekday, Eastern). */
export function latestAnnouncementDate(now: number): string {
  let time = now;
  while (isWeekend(eastern(time).weekday)) time -= DAY_MS;
  return eastern(time).date;
}

function midnightOf(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  for (const offsetHours of [4, 5]) {
    const candidate = Date.UTC(y, m - 1, d, offsetHours);
    const parts = eastern(candidate);
    if (parts.date === date && parts.hour === 0) return candidate;
  }
  return Date.UTC(y, m - 1, d, 5);
}

/** Midnights by date, epoch ms: every request asks for today's and the next weekday's. */
const midnights = new Map<string, number>();

/** The UTC instant of midnight Eastern starting `date` (handles the EST/EDT switch). */
export function easternMidnight(date: string): Date {
  let time = midnights.get(date);
  if (time === undefined) {
    time = midnightOf(date);
    if (midnights.size >= MAX_HOURS) midnights.clear();
    midnights.set(date, time);
  }
  return new Date(time);
}

/** When the next feed with an announcement appears: the next weekday's midnight Eastern. */
export function nextAnnouncement(now: number): Date {
  let time = now + DAY_MS;
  while (isWeekend(eastern(time).weekday)) time += DAY_MS;
  return easternMidnight(eastern(time).date);
}
