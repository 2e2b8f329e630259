import { getJson, papersPath } from "./api.js";
import { copyWithFeedback } from "./clipboard.js";
import { announce, debounce, h, replace } from "./dom.js";
import { feedUrl } from "./feeds.js";
import { feedLabel, plural } from "./format.js";
import { NO_PAPERS_YET } from "./notices.js";
import { paperList } from "./papers.js";

/** Papers the preview shows. */
const PREVIEW_LIMIT = 10;

/** "moe,  speculative decoding ," → "moe,speculative decoding". */
export function normaliseList(text) {
  return String(text ?? "")
    .split(",")
    .map((part) => part.trim().replace(/\s+/g, " "))
    .filter(Boolean)
    .join(",");
}

/** The form's filter parameters, or `{ error }` naming the field that is wrong. */
function readForm(form) {
  const data = new FormData(form);
  const minScore = String(data.get("min_score") ?? "").trim();
  const limit = String(data.get("limit") ?? "").trim();
  if (minScore && !(Number(minScore) >= 0)) return { error: "Minimum score must be a number of 0 or more." };
  if (limit && !(Number.isInteger(Number(limit)) && Number(limit) >= 1 && Number(limit) <= 100)) {
    return { error: "Maximum items must be a whole number from 1 to 100." };
  }
  return {
    category: String(data.get("category") ?? "all"),
    format: String(data.get("format") ?? "rss"),
    filters: {
      keywords: normaliseList(data.get("keywords")),
      exclude: normaliseList(data.get("exclude")),
      authors: normaliseList(data.get("authors")),
      min_score: minScore,
      cross_lists: String(data.get("cross_lists") ?? ""),
      limit,
    },
  };
}

/**
 * The personal feed's absolute URL: the feed's own URL plus the non-empty filters. Commas stay
 * literal (`keywords=moe,speculative+decoding`) so the URL reads as typed; servers decode both.
 */
export function personalFeedUrl(feed, format, filters) {
  const url = feedUrl(feed, format);
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) search.set(key, value);
  url.search = search.toString().replace(/%2C/gi, ",");
  return url.href;
}

/**
 * Wires the custom-feed form: live URL, copy button and a debounced preview from the JSON API.
 * `feeds`: the deployment's feeds from `/api/categories`; `storeEmpty`: no refresh has run yet.
 */
export function initBuilder(feeds, { storeEmpty = false } = {}) {
  const form = document.getElementById("builder-form");
  const select = document.getElementById("builder-category");
  const output = document.getElementById("builder-url");
  const open = document.getElementById("builder-open");
  const copy = document.getElementById("builder-copy");
  const error = document.getElementById("builder-error");
  const preview = document.getElementById("builder-preview");
  const byName = new Map(feeds.map((feed) => [feed.name, feed]));
  if (!byName.has("all")) byName.set("all", { name: "all" });

  replace(
    select,
    [...byName.keys()].map((name) => h("option", { value: name, text: feedLabel(name) })),
  );

  let controller;
  const showPreview = debounce(async (state) => {
    controller?.abort();
    controller = new AbortController();
    const { limit, ...filters } = state.filters;
    const path = papersPath({
      category: state.category === "all" ? undefined : state.category,
      ...filters,
      limit: Math.min(Number(limit) || PREVIEW_LIMIT, PREVIEW_LIMIT),
    });
    preview.setAttribute("aria-busy", "true");
    let result;
    try {
      result = await getJson(path, { signal: controller.signal });
    } catch {
      return; // superseded by a newer request
    }
    preview.removeAttribute("aria-busy");
    if (!result.ok) {
      replace(
        preview,
        h("p", { class: "field-error", text: `The preview could not be loaded: ${result.message}.` }),
      );
      return;
    }
    const papers = Array.isArray(result.data.papers) ? result.data.papers : [];
    if (papers.length === 0) {
      replace(
        preview,
        storeEmpty
          ? h("p", {
              class: "placeholder",
              text: NO_PAPERS_YET,
            })
          : h("p", {
              class: "placeholder",
              text: "No papers match these filters. Try fewer exclusions or authors, or a lower minimum score.",
            }),
      );
      return;
    }
    const total = typeof result.data.total === "number" ? result.data.total : papers.length;
    if (state.announce) announce(`Preview: ${plural(total, "paper")} match`);
    replace(
      preview,
      h("p", {
        class: "preview-count",
        text:
          total > papers.length
            ? `First ${papers.length} of ${plural(total, "paper")}`
            : plural(total, "paper"),
      }),
      paperList(papers, { compact: true }),
    );
  }, 300);

  /** `announce`: say the preview's count to screen readers (after an edit, not on load). */
  const update = (announceCount) => {
    const state = { ...readForm(form), announce: announceCount };
    error.hidden = !state.error;
    error.textContent = state.error ?? "";
    if (state.error) return;
    const url = personalFeedUrl(
      byName.get(state.category) ?? { name: state.category },
      state.format,
      state.filters,
    );
    output.value = url;
    open.href = url;
    showPreview(state);
  };

  form.addEventListener("input", () => update(true));
  form.addEventListener("change", () => update(true));
  form.addEventListener("submit", (event) => event.preventDefault());
  copy.addEventListener("click", () => copyWithFeedback(copy, output.value, "your feed URL", output));
  update(false);
}
