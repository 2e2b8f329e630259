import { h } from "./dom.js";

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

/** What to do before the first refresh has filled the store. */
export function emptyStoreNotice() {
  const endpoint = `${location.origin}/api/cron/refresh`;
  return notice(
    "info",
    "No papers yet: the first refresh has not run.",
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
