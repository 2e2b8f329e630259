import { latest } from "../model/latest.js";
import type { CategoryLag } from "../model/refresh-meta.js";
import { arxivFeedDate } from "./schedule.js";

/** What a lag check needs of one category's fetch. */
export interface ServedDay {
  status: "ok" | "empty" | "error";
  announced?: string | undefined;
  builtAt?: string | undefined;
}

/**
 * A build this much older than the newest counts as left behind: arXiv rebuilds every feed
 * around midnight US Eastern, so builds of one night differ by seconds, not hours.
 */
const BUILD_LAG_MS = 12 * 3_600_000;

const buildDay = (builtAt: string) => arxivFeedDate(Date.parse(builtAt));

/**
 * How `category` lags the other categories that announced something: an older announcement day,
 * or a build half a day older than the newest. Undefined when it is current (or has nothing to
 * compare: empty, failed, or the only one). Pure.
 */
export function lagOf(
  category: string,
  served: Readonly<Record<string, ServedDay>>,
): CategoryLag | undefined {
  const own = served[category];
  if (own?.status !== "ok") return undefined;
  const others = Object.entries(served).flatMap(([name, a]) =>
    name !== category && a.status === "ok" ? [a] : [],
  );
  const current = latest(others.map((a) => a.announced));
  if (own.announced && current && own.announced < current) return { serves: own.announced, current };
  const newestBuild = latest(others.map((a) => a.builtAt));
  if (own.builtAt && newestBuild && Date.parse(newestBuild) - Date.parse(own.builtAt) > BUILD_LAG_MS) {
    return { serves: buildDay(own.builtAt), current: buildDay(newestBuild) };
  }
  return undefined;
}

/** Every category that lags the others, with how. Pure. */
export function laggingCategories(served: Readonly<Record<string, ServedDay>>): Map<string, CategoryLag> {
  const lagging = new Map<string, CategoryLag>();
  for (const category of Object.keys(served)) {
    const lag = lagOf(category, served);
    if (lag) lagging.set(category, lag);
  }
  return lagging;
}
