import { h } from "./dom.js";
import { relativeTime } from "./format.js";
import { attemptFailed, attemptStatus, lastAttempt } from "./refresh-state.js";

/**
 * A notice box. `kind`: `info`, `warning` or `error`; `body`: nodes or strings.
 * @returns {HTMLElement}
 */
export function notice(kind, title, ...body) {
  return h(
    "div",
    { class: `notice notice-${kind}`, role: kind === "error" ? "alert" : null },
    h("p", { class: "notice-title", text: title }),
    ...body,
  );
}

/** What an empty paper list says while no feed holds papers; the notice above explains why. */
const NO_PAPERS_YET = "No papers yet (see above).";

/** The line of an empty paper list: `NO_PAPERS_YET` while no feed holds papers, else `otherwise`. */
export function noPapersLine(storeEmpty, otherwise) {
  return h("p", { class: "placeholder", text: storeEmpty ? NO_PAPERS_YET : otherwise });
}

/** Why no feed holds papers, from the last attempt (none, failed, or one that found nothing). */
function emptyStoreReason(health) {
  const attempt = lastAttempt(health);
  if (!attempt) return { kind: "info", title: "No papers yet: the first refresh has not run.", body: [] };
  if (!attemptFailed(attempt)) {
    const { text } = attemptStatus(attempt, false);
    return {
      kind: "info",
      title: `No papers yet: the last refresh found none to publish (${text}).`,
      body: [],
    };
  }
  const when = attempt.at ? ` (${relativeTime(attempt.at)})` : "";
  const what = attemptStatus(attempt, false).text;
  const detail = attempt.error ? `: ${attempt.error}` : "";
  const hint =
    attempt.status === "failed"
      ? " Check the network connection, or ARXIV_BASE_URL if it is set, then refresh again."
      : " Refresh again once the cause is fixed.";
  return {
    kind: "error",
    title: "No papers yet: no refresh has succeeded.",
    body: [h("p", {}, `The last attempt${when} failed. ${what}${detail}.${hint}`)],
  };
}

/** Why the store is empty and what to do (`health`: the `/api/health` body, or null). */
export function emptyStoreNotice(health) {
  const endpoint = `${location.origin}/api/cron/refresh`;
  const reason = emptyStoreReason(health);
  return notice(
    reason.kind,
    reason.title,
    ...reason.body,
    h(
      "p",
      {},
      "Running locally? Fetch today's announcement with ",
      h("code", { text: "npm run refresh" }),
      " (or restart ",
      h("code", { text: "npm start" }),
      ", which refreshes an empty store).",
    ),
    h(
      "p",
      {},
      "On Vercel the weekday cron fills the feeds after arXiv's daily announcement. To run it now, call the cron endpoint with your secret:",
    ),
    h(
      "pre",
      { class: "code-block" },
      h("code", { text: `curl -H "Authorization: Bearer $CRON_SECRET" ${endpoint}` }),
    ),
  );
}

/** A polite explanation of an API failure (`result` from `getJson`). */
export function errorNotice(what, result) {
  const status = result.status ? ` (HTTP ${result.status})` : "";
  const hint = /try again/i.test(result.message)
    ? ""
    : result.status === 503
      ? "The feed store is briefly unavailable; try again in a minute."
      : result.status === 404
        ? "This deployment does not serve that endpoint yet."
        : "Reload the page to try again.";
  return notice(
    "error",
    `Sorry, ${what} could not be loaded${status}.`,
    h("p", {}, `The server said: ${result.message.replace(/\.$/, "")}. ${hint}`.trim()),
  );
}
