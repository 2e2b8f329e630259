import { copyButton } from "./clipboard.js";
import { h } from "./dom.js";
import { feedLabel, plural } from "./format.js";

/** The three formats a feed is served in, in display order. */
export const FORMATS = [
  { key: "rss", label: "RSS", short: "RSS", type: "application/rss+xml" },
  { key: "atom", label: "Atom", short: "Atom", type: "application/atom+xml" },
  { key: "json", label: "JSON Feed", short: "JSON", type: "application/feed+json" },
];

/** Path of a feed in a format, for when the API does not give its URL. */
function defaultPath(name, format) {
  const category = encodeURIComponent(name);
  if (format === "json") return name === "all" ? "/feed.json" : `/feed/${category}.json`;
  return name === "all" ? `/${format}` : `/${format}/${category}`;
}

/** Absolute URL of `feed` in `format` (the API's URL, resolved against this page). */
export function feedUrl(feed, format) {
  const given = feed?.urls?.[format];
  return new URL(
    typeof given === "string" && given ? given : defaultPath(feed.name, format),
    location.origin,
  );
}

/** True when no feed holds a paper yet (no refresh has published any). */
export function storeIsEmpty(feeds) {
  return feeds.length === 0 || feeds.every((feed) => !feed.count);
}

/** Names of common arXiv categories, for feeds whose title does not say more than the code. */
const CATEGORY_NAMES = {
  "cs.AI": "Artificial Intelligence",
  "cs.AR": "Hardware Architecture",
  "cs.CL": "Computation and Language",
  "cs.CR": "Cryptography and Security",
  "cs.CV": "Computer Vision and Pattern Recognition",
  "cs.DB": "Databases",
  "cs.DC": "Distributed, Parallel, and Cluster Computing",
  "cs.DS": "Data Structures and Algorithms",
  "cs.HC": "Human-Computer Interaction",
  "cs.IR": "Information Retrieval",
  "cs.LG": "Machine Learning",
  "cs.MA": "Multiagent Systems",
  "cs.NE": "Neural and Evolutionary Computing",
  "cs.NI": "Networking and Internet Architecture",
  "cs.PF": "Performance",
  "cs.PL": "Programming Languages",
  "cs.RO": "Robotics",
  "cs.SE": "Software Engineering",
  "eess.AS": "Audio and Speech Processing",
  "eess.SP": "Signal Processing",
  "math.OC": "Optimization and Control",
  "stat.ML": "Machine Learning (Statistics)",
};

/**
 * A line describing the feed: its title when that says more than the code
 * ("arxiv-feeds: cs.LG" does not; "arxiv-feeds: cs.AI, cs.CL" does), else the category's name.
 */
function subtitle(feed) {
  const title = typeof feed.title === "string" ? feed.title.trim() : "";
  // Titles read "<site title>: <what>"; the part after the colon is what describes the feed.
  const what = title.includes(": ") ? title.slice(title.lastIndexOf(": ") + 2) : title;
  const same = [feed.name, feedLabel(feed.name)].some((label) => label.toLowerCase() === what.toLowerCase());
  if (what && !same) return what;
  if (feed.name === "all") return "Every configured category, each paper once";
  return CATEGORY_NAMES[feed.name] ?? null;
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
    copyButton(url, `${format.label} URL of ${feedLabel(feed.name)}`, link),
  );
}

function feedCard(feed) {
  const title = subtitle(feed);
  const count = typeof feed.count === "number" ? plural(feed.count, "paper") : null;
  const announced = typeof feed.announced === "string" ? `announced ${feed.announced}` : null;
  const meta = [count, announced].filter(Boolean).join(" · ");
  return h(
    "li",
    { class: `feed-card${feed.name === "all" ? " feed-card-all" : ""}`, "data-feed": feed.name },
    h(
      "div",
      { class: "feed-head" },
      h("h3", { class: "feed-name", text: feedLabel(feed.name) }),
      title ? h("p", { class: "feed-title", text: title }) : null,
      meta ? h("p", { class: "feed-meta", text: meta }) : null,
    ),
    h(
      "ul",
      { class: "format-list", "aria-label": `${feedLabel(feed.name)} feed URLs` },
      FORMATS.map((format) => formatRow(feed, format)),
    ),
  );
}

/** The list of every feed with its three URLs and copy buttons; `all` first. */
export function renderFeeds(feeds) {
  const sorted = [...feeds].sort((a, b) => (a.name === "all" ? -1 : b.name === "all" ? 1 : 0));
  return h("ul", { class: "feed-grid" }, sorted.map(feedCard));
}

/** Adds `<link rel="alternate">` for each category's feeds (the combined ones are in the HTML). */
export function addAlternates(feeds) {
  for (const feed of feeds) {
    if (feed.name === "all") continue;
    for (const format of FORMATS) {
      document.head.append(
        h("link", {
          rel: "alternate",
          type: format.type,
          title: `arxiv-feeds: ${feed.name} (${format.label})`,
          href: feedUrl(feed, format.key).href,
        }),
      );
    }
  }
}
