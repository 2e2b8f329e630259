/**
 * The landing page: the deployment's feeds, today's top papers, health and a custom-feed
 * builder, all from the JSON API (`/api/categories`, `/api/filters`, `/api/papers`,
 * `/api/health`). Feed names, labels and filter rules are the server's: none is copied here.
 */
import { getJson, papersPath } from "./js/api.js";
import { initBuilder } from "./js/builder.js";
import { announce, h, replace } from "./js/dom.js";
import { addAlternates, renderFeeds, storeIsEmpty } from "./js/feeds.js";
import { healthLine, skipDayNotice } from "./js/health.js";
import { emptyStoreNotice, errorNotice, noPapersLine } from "./js/notices.js";
import { paperList } from "./js/papers.js";

/** Papers shown in "Today's top papers". */
const TOP_PAPERS = 20;

const byId = (id) => document.getElementById(id);

function showHealth(result) {
  if (!result.ok) return;
  const line = healthLine(result.data);
  if (line) replace(byId("health"), line);
  const weekend = skipDayNotice(result.data);
  if (weekend) byId("notices").prepend(weekend);
}

function showFeeds(result) {
  const body = byId("feeds-body");
  if (!result.ok) {
    // The static links to the combined feed stay in place under the explanation.
    body.prepend(errorNotice("the list of feeds", result));
    return [];
  }
  const feeds = Array.isArray(result.data.feeds) ? result.data.feeds : [];
  replace(body, renderFeeds(feeds));
  byId("feeds-origin").replaceChildren(
    "Paths below are on ",
    h("code", { text: location.origin }),
    "; Copy gives the full URL.",
  );
  addAlternates(feeds);
  const categories = feeds.filter((feed) => !feed.combined).map((feed) => feed.name);
  if (categories.length) byId("hero-categories").textContent = categories.join(", ");
  return feeds;
}

let papersRequest;

/** The API's query for a feed's papers: none for the combined feed (or when `feed` is unknown). */
const feedQuery = (feed) => (feed && !feed.combined ? feed.name : undefined);

/** `feed`: from `/api/categories` (undefined: the API's default feed, when the list failed). */
async function showPapers(feed, state, announceChange = false) {
  const body = byId("papers-body");
  papersRequest?.abort();
  papersRequest = new AbortController();
  body.setAttribute("aria-busy", "true");
  let result;
  try {
    result = await getJson(papersPath({ category: feedQuery(feed), limit: TOP_PAPERS }), {
      signal: papersRequest.signal,
    });
  } catch {
    return; // a newer request replaced this one
  }
  body.removeAttribute("aria-busy");
  if (!result.ok) {
    replace(body, errorNotice("today's papers", result));
    return;
  }
  const papers = Array.isArray(result.data.papers) ? result.data.papers : [];
  if (papers.length === 0) {
    replace(body, noPapers(feed, state));
    return;
  }
  replace(body, paperList(papers));
  if (announceChange) announce(`Showing ${papers.length} papers from ${feed?.label}`);
}

/** What an empty paper list means: no refresh yet, or nothing matched. */
function noPapers(feed, { storeEmpty, health }) {
  const where = feedQuery(feed);
  if (storeEmpty === undefined && !where) return emptyStoreNotice(health);
  return noPapersLine(
    storeEmpty,
    `No papers matched the keywords${where ? ` in ${feed.label}` : ""} in the latest announcement.`,
  );
}

/** The feed picker of "Today's top papers"; without the feed list, the page's static option. */
function initPapers(feeds, state) {
  const select = byId("papers-category");
  const byName = new Map(feeds.map((feed) => [feed.name, feed]));
  if (feeds.length) {
    replace(
      select,
      feeds.map((feed) => h("option", { value: feed.name, text: feed.label })),
    );
  }
  select.addEventListener("change", () => showPapers(byName.get(select.value), state, true));
  return showPapers(byName.get(select.value), state);
}

async function main() {
  const [categories, filters, health] = await Promise.all([
    getJson("/api/categories"),
    getJson("/api/filters"),
    getJson("/api/health"),
  ]);
  const feeds = showFeeds(categories);
  // Unknown (undefined) when the feed list could not be loaded.
  const storeEmpty = categories.ok ? storeIsEmpty(feeds) : undefined;
  const healthData = health.ok ? health.data : null;
  if (storeEmpty) byId("notices").append(emptyStoreNotice(healthData));
  showHealth(health);
  initBuilder(feeds, filters, { storeEmpty });
  await initPapers(feeds, { storeEmpty, health: healthData });
}

main().catch((error) => {
  console.error(error);
  byId("notices")?.append(
    h(
      "div",
      { class: "notice notice-error", role: "alert" },
      h("p", { class: "notice-title", text: "Sorry, something went wrong while building this page." }),
      h("p", { text: "The feeds still work: /rss, /atom and /feed.json. Reload to try again." }),
    ),
  );
});
