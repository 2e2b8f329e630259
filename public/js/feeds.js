import { copyButton } from "./clipboard.js";
import { h } from "./dom.js";
import { plural } from "./format.js";

/** The three formats a feed is served in, in display order. */
export const FORMATS = [
  { key: "rss", label: "RSS", short: "RSS", type: "application/rss+xml" },
  { key: "atom", label: "Atom", short: "Atom", type: "application/atom+xml" },
  { key: "json", label: "JSON Feed", short: "JSON", type: "application/feed+json" },
];

/** Absolute URL of `feed` in `format` (the API's URL, resolved against this page). */
export function feedUrl(feed, format) {
  return new URL(feed.urls[format], location.origin);
}

/** True when no feed holds a paper yet (no refresh has published any). */
export function storeIsEmpty(feeds) {
  return feeds.length === 0 || feeds.every((feed) => !feed.count);
}

function formatRow(feed, format) {
  const full = feedUrl(feed, format.key);
  const url = full.href;
  // The path is what differs between feeds; the full URL is in the title and on the clipboard.
  const shown = full.origin === location.origin ? `${full.pathname}${full.search}` : url;
  const link = h("a", { class: "format-url", href: url, type: format.type, title: url, text: shown });
  return h(
    "li",
    { class: "format-row" },
    h("span", { class: `format-badge format-${format.key}`, title: format.label, text: format.short }),
    link,
    copyButton(url, `${format.label} URL of ${feed.label}`, link),
  );
}

function feedCard(feed) {
  const title = feed.about;
  const count = typeof feed.count === "number" ? plural(feed.count, "paper") : null;
  const announced = typeof feed.announced === "string" ? `announced ${feed.announced}` : null;
  const meta = [count, announced].filter(Boolean).join(" · ");
  return h(
    "li",
    { class: `feed-card${feed.combined ? " feed-card-all" : ""}`, "data-feed": feed.name },
    h(
      "div",
      { class: "feed-head" },
      h("h3", { class: "feed-name", text: feed.label }),
      title ? h("p", { class: "feed-title", text: title }) : null,
      meta ? h("p", { class: "feed-meta", text: meta }) : null,
    ),
    h(
      "ul",
      { class: "format-list", "aria-label": `${feed.label} feed URLs` },
      FORMATS.map((format) => formatRow(feed, format)),
    ),
  );
}

/** The list of every feed with its three URLs and copy buttons; the combined feed first. */
export function renderFeeds(feeds) {
  const sorted = [...feeds].sort((a, b) => Number(b.combined) - Number(a.combined));
  return h("ul", { class: "feed-grid" }, sorted.map(feedCard));
}

/** Adds `<link rel="alternate">` for each category's feeds (the combined ones are in the HTML). */
export function addAlternates(feeds) {
  for (const feed of feeds) {
    if (feed.combined) continue;
    for (const format of FORMATS) {
      document.head.append(
        h("link", {
          rel: "alternate",
          type: format.type,
          title: `${feed.title} (${format.label})`,
          href: feedUrl(feed, format.key).href,
        }),
      );
    }
  }
}
