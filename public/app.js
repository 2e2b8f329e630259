/**
 * The landing page: the deployment's feeds, today's top papers, health and a custom-feed
 * builder, all from the JSON API (`/api/categories`, `/api/papers`, `/api/health`).
 */
import { getJson, papersPath } from "./js/api.js";
import { initBuilder } from "./js/builder.js";
import { announce, h, replace } from "./js/dom.js";
import { addAlternates, renderFeeds, storeIsEmpty } from "./js/feeds.js";
import { feedLabel } from "./js/format.js";
import { healthLine, skipDayNotice } from "./js/health.js";
import { emptyStoreNotice, errorNotice, NO_PAPERS_YET } from "./js/notices.js";
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
  const categories = feeds.filter((feed) => feed.name !== "all").map((feed) => feed.name);
  if (categories.length) byId("hero-categories").textContent = categories.join(", ");
  return feeds;
}

let papersRequest;

/** `state`: `storeEmpty` (undefined: unknown) and `health` (the health body, or null). */
async function showPapers(category, state, announceChange = false) {
  const body = byId("papers-body");
  papersRequest?.abort();
  papersRequest = new AbortController();
  body.setAttribute("aria-busy", "true");
  let result;
  try {
    result = await getJson(
      papersPath({ category: category === "all" ? undefined : category, limit: TOP_PAPERS }),
      { signal: papersRequest.signal },
    );
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
    replace(body, noPapers(category, state));
    return;
  }
  replace(body, paperList(papers));
  if (announceChange) announce(`Showing ${papers.length} papers from ${feedLabel(category)}`);
}

/** What an empty paper list means: no refresh yet, or nothing matched. */
function noPapers(category, { storeEmpty, health }) {
  if (storeEmpty === undefined && category === "all") return emptyStoreNotice(health);
  const text = storeEmpty
    ? NO_PAPERS_YET
    : `No papers matched the keywords${category === "all" ? "" : ` in ${category}`} in the latest announcement.`;
  return h("p", { class: "placeholder", text });
}

function initPapers(feeds, state) {
  const select = byId("papers-category");
  const names = feeds.length ? feeds.map((feed) => feed.name) : ["all"];
  replace(
    select,
    names.map((name) => h("option", { value: name, text: feedLabel(name) })),
  );
  select.addEventListener("change", () => showPapers(select.value, state, true));
  return showPapers(select.value, state);
}

async function main() {
  const [categories, health] = await Promise.all([getJson("/api/categories"), getJson("/api/health")]);
  const feeds = showFeeds(categories);
  // Unknown (undefined) when the feed list could not be loaded.
  const storeEmpty = categories.ok ? storeIsEmpty(feeds) : undefined;
  const healthData = health.ok ? health.data : null;
  if (storeEmpty) byId("notices").append(emptyStoreNotice(healthData));
  showHealth(health);
  initBuilder(feeds, { storeEmpty });
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
