import { h } from "./dom.js";
import { dateTime, longDateTime, parseTime, relativeTime } from "./format.js";
import { notice } from "./notices.js";
import { attemptFailed, attemptStatus, hasPapers, lastAttempt, lastSuccess } from "./refresh-state.js";

/** Longest error text the status line shows (the full text is its tooltip). */
const ERROR_SHOWN = 160;

/** A labelled relative time: "Last refresh 2 hours ago". */
function timeItem(label, date) {
  return h(
    "span",
    { class: "health-item" },
    `${label} `,
    h("time", { datetime: date.toISOString(), title: dateTime(date), text: relativeTime(date) }),
  );
}

/** The last attempt's items: when, how it went, and what went wrong. */
function attemptItems(health) {
  const attempt = lastAttempt(health);
  if (!attempt) return [];
  const failed = attemptFailed(attempt);
  const status = attemptStatus(attempt, hasPapers(health));
  const items = [];
  if (attempt.at) items.push(timeItem(failed ? "Last attempt" : "Last refresh", attempt.at));
  items.push(
    h(
      "span",
      { class: `health-item health-status tone-${status.tone}` },
      h("span", { class: "dot", "aria-hidden": "true" }),
      status.text,
    ),
  );
  if (failed && attempt.error) {
    const shown =
      attempt.error.length > ERROR_SHOWN ? `${attempt.error.slice(0, ERROR_SHOWN - 1)}…` : attempt.error;
    items.push(h("span", { class: "health-item health-error", title: attempt.error, text: shown }));
  }
  const success = lastSuccess(health);
  if (failed && success) items.push(timeItem("Last successful refresh", success));
  return items;
}

/**
 * The status line: the last attempt (relative time), its outcome and, after a failure, the last
 * success. Fields the health endpoint does not provide are left out.
 * @returns {HTMLElement | null}
 */
export function healthLine(health) {
  const parts = attemptItems(health);
  const next = parseTime(health?.nextAnnouncement);
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
  const keep = hasPapers(health)
    ? [h("p", {}, "The feeds keep the latest announcement's papers until then.")]
    : [];
  return notice("warning", `${lead}${when}.`, ...keep);
}
