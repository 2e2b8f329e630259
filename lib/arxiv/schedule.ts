/**
 * arXiv's timetable: new submissions are announced Sunday to Thursday at 20:00 US Eastern, and
 * rss.arxiv.org rebuilds its feeds at midnight Eastern, so a feed dated Monday to Friday carries
 * an announcement and Saturday's and Sunday's feeds are empty. (arXiv also skips a few holidays a
 * year; those show up as empty feeds and are reported as such.)
 */
const ZONE = "America/New_York";
const DAY_MS = 86_400_000;

const formatter = new Intl.DateTimeFormat("en-US", {
  timeZone: ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  weekday: "short",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

interface EasternParts {
  date: string;
  weekday: string;
  hour: number;
  minute: number;
}

function eastern(time: number): EasternParts {
  const parts = Object.fromEntries(formatter.formatToParts(new Date(time)).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: parts.weekday ?? "",
    hour: Number(parts.hour),
    minute: Number(parts.minute),
  };
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

/** The UTC instant of midnight Eastern starting `date` (handles the EST/EDT switch). */
export function easternMidnight(date: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  for (const offsetHours of [4, 5]) {
    const candidate = Date.UTC(y, m - 1, d, offsetHours);
    const parts = eastern(candidate);
    if (parts.date === date && parts.hour === 0) return new Date(candidate);
  }
  return new Date(Date.UTC(y, m - 1, d, 5));
}

/** When the next feed with an announcement appears: the next weekday's midnight Eastern. */
export function nextAnnouncement(now: number): Date {
  let time = now + DAY_MS;
  while (isWeekend(eastern(time).weekday)) time += DAY_MS;
  return easternMidnight(eastern(time).date);
}
