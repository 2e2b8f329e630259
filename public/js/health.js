import { h } from "./dom.js";
import { dateTime, longDateTime, parseTime, relativeTime } from "./format.js";
import { notice } from "./notices.js";

/** What each refresh status means to a reader. */
const STATUS = {
  ok: { tone: "ok", text: "All categories fetched" },
  partial: { tone: "warn", text: "Some categories failed; their feeds kept the previous papers" },
  failed: { tone: "error", text: "arXiv could not be reached; the feeds kept the previous papers" },
  "no-announcement": { tone: "muted", text: "arXiv had no new announcement" },
};

/**
 * The status line: last refresh (relative time) and its outcome. Fields the health endpoint
 * does not provide are left out.
 * @returns {HTMLElement | null}
 */
export function healthLine(health) {
  const last = health && typeof health.lastRefresh === "object" ? health.lastRefresh : null;
  const finished = parseTime(last?.finishedAt);
  const status =
    typeof last?.status === "string" ? (STATUS[last.status] ?? { tone: "muted", text: last.status }) : null;
  const next = parseTime(health?.nextAnnouncement);
  const parts = [];
  if (finished) {
    parts.push(
      h(
        "span",
        { class: "health-item" },
        "Last refresh ",
        h("time", {
          datetime: finished.toISOString(),
          title: dateTime(finished),
          text: relativeTime(finished),
        }),
      ),
    );
  }
  if (status) {
    parts.push(
      h(
        "span",
        { class: `health-item health-status tone-${status.tone}` },
        h("span", { class: "dot", "aria-hidden": "true" }),
        status.text,
      ),
    );
  }
  if (next && !health.skipDay) {
    parts.push(
      h(
        "span",
        { class: "health-item" },
        "Next announcement ",
        h("time", { datetime: next.toISOString(), title: longDateTime(next), text: relativeTime(next) }),
      ),
    );
  }
  return parts.length ? h("p", { class: "health-line" }, parts) : null;
}

/** The weekend (or holiday) notice, when arXiv does not announce today. */
export function skipDayNotice(health) {
  if (health?.skipDay !== true) return null;
  const reason = typeof health.skipReason === "string" ? health.skipReason : "weekend";
  const next = parseTime(health.nextAnnouncement);
  const when = next ? `; next announcement ${longDateTime(next)} (${relativeTime(next)})` : "";
  const lead = /weekend|saturday|sunday/i.test(reason)
    ? "arXiv does not announce on weekends"
    : `arXiv has no announcement today (${reason})`;
  return notice(
    "warning",
    `${lead}${when}.`,
    h("p", {}, "The feeds keep the latest announcement's papers until then."),
  );
}
