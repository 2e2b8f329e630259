import { getJson, papersPath } from "./api.js";
import { copyWithFeedback } from "./clipboard.js";
import { announce, debounce, h, replace } from "./dom.js";
import { feedUrl } from "./feeds.js";
import { plural } from "./format.js";
import { noPapersLine } from "./notices.js";
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

/** A link to an arXiv paper's page, PDF or HTML, up to the id. */
const ARXIV_LINK = /^(?:https?:\/\/)?(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html)\//i;

/**
 * Pasted ids and links → `2601.20273v2,2601.20274`: split at commas, spaces and line breaks,
 * links and `arXiv:` cut to the id (the server reads both; it checks each and names a bad one).
 */
export function normaliseIds(text) {
  return String(text ?? "")
    .split(/[\s,]+/)
    .map((item) =>
      item
        .replace(ARXIV_LINK, "")
        .replace(/^arxiv:/i, "")
        .replace(/\.pdf$/i, ""),
    )
    .filter(Boolean)
    .join(",");
}

/** A list filter (comma-separated text) rather than a number or a choice. */
const isList = (schema) => schema.type === "string" && !Array.isArray(schema.enum);

/** Why `text` breaks a numeric filter's documented range (`label` names the field), or null. */
function rangeProblem(text, schema, label) {
  if (!text || (schema.type !== "integer" && schema.type !== "number")) return null;
  const value = Number(text);
  const whole = schema.type === "integer";
  const { minimum = -Infinity, maximum = Infinity } = schema;
  if (!Number.isNaN(value) && (!whole || Number.isInteger(value)) && value >= minimum && value <= maximum)
    return null;
  return `${label} must be ${whole ? "a whole number" : "a number"} from ${minimum} to ${maximum}.`;
}

/** The form's field for each filter the server defines (a filter without a field is skipped). */
function filterFields(form, filters) {
  return filters.flatMap((filter) => {
    const field = form.elements.namedItem(filter.name);
    return field ? [{ filter, field, label: field.labels?.[0]?.textContent?.trim() ?? filter.name }] : [];
  });
}

/** Gives each numeric field the server's range, so the browser's own hints agree with it. */
function applyRanges(fields) {
  for (const { filter, field } of fields) {
    if (typeof filter.schema.minimum === "number") field.min = String(filter.schema.minimum);
    if (typeof filter.schema.maximum === "number") field.max = String(filter.schema.maximum);
  }
}

/** The form's filter parameters in the server's order, or `{ error }` naming the wrong field. */
function readForm(form, fields) {
  const data = new FormData(form);
  const filters = {};
  for (const { filter, field, label } of fields) {
    const text = String(data.get(filter.name) ?? "").trim();
    const error = rangeProblem(text, filter.schema, label);
    if (error) return { error };
    filters[filter.name] = field.hasAttribute("data-ids")
      ? normaliseIds(text)
      : isList(filter.schema)
        ? normaliseList(text)
        : text;
  }
  return { category: String(data.get("category")), format: String(data.get("format") ?? "rss"), filters };
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

/** The preview's API path: the form's filters, at most `PREVIEW_LIMIT` papers. */
function previewPath(state, feed) {
  const { limit, ...filters } = state.filters;
  return papersPath({
    category: feed?.combined ? undefined : state.category,
    ...filters,
    limit: Math.min(Number(limit) || PREVIEW_LIMIT, PREVIEW_LIMIT),
  });
}

/** The named papers the ranking could not use yet (`/api/papers`' `missing`), or null. */
function missingLine(missing) {
  if (!Array.isArray(missing) || missing.length === 0) return null;
  const messages = missing.map((item) => String(item?.message ?? item?.id ?? "")).filter(Boolean);
  return h("p", { class: "hint", text: `Not used yet: ${messages.join("; ")}.` });
}

/** What the preview shows for `/api/papers`' answer, and the count to announce (null: none). */
function previewContent(result, storeEmpty) {
  if (!result.ok) {
    const text = `The preview could not be loaded: ${result.message}.`;
    return { nodes: [h("p", { class: "field-error", text })], total: null };
  }
  const papers = Array.isArray(result.data.papers) ? result.data.papers : [];
  if (papers.length === 0) {
    const hint = "No papers match these filters. Try fewer exclusions or authors, or a lower minimum score.";
    return { nodes: [noPapersLine(storeEmpty, hint)], total: null };
  }
  const total = typeof result.data.total === "number" ? result.data.total : papers.length;
  const count =
    total > papers.length ? `First ${papers.length} of ${plural(total, "paper")}` : plural(total, "paper");
  return {
    nodes: [
      h("p", { class: "preview-count", text: count }),
      missingLine(result.data.missing),
      paperList(papers, { compact: true }),
    ],
    total,
  };
}

/** A debounced preview into `preview`; a newer call aborts the request of an older one. */
function previewer(preview, byName, storeEmpty) {
  let controller;
  return debounce(async (state) => {
    controller?.abort();
    controller = new AbortController();
    preview.setAttribute("aria-busy", "true");
    let result;
    try {
      result = await getJson(previewPath(state, byName.get(state.category)), { signal: controller.signal });
    } catch {
      return; // superseded by a newer request
    }
    preview.removeAttribute("aria-busy");
    const { nodes, total } = previewContent(result, storeEmpty);
    if (state.announce && total !== null) announce(`Preview: ${plural(total, "paper")} match`);
    replace(preview, ...nodes);
  }, 300);
}

/** Says the builder cannot work without the API's feeds and filters. */
function showUnavailable(error, preview) {
  error.hidden = false;
  error.textContent =
    "The builder needs the feeds and filters from the API, which could not be loaded. Reload to try again.";
  replace(preview);
  preview.removeAttribute("aria-busy");
}

/**
 * Wires the custom-feed form: live URL, copy button and a debounced preview from the JSON API.
 * `feeds`: the deployment's feeds from `/api/categories`; `filtersResult`: `getJson`'s answer
 * of `/api/filters`; `storeEmpty`: no refresh has run yet.
 */
export function initBuilder(feeds, filtersResult, { storeEmpty = false } = {}) {
  const byId = (id) => document.getElementById(id);
  const [form, select, output, open, copy, error, preview] = [
    "builder-form",
    "builder-category",
    "builder-url",
    "builder-open",
    "builder-copy",
    "builder-error",
    "builder-preview",
  ].map(byId);
  const filters =
    filtersResult.ok && Array.isArray(filtersResult.data.filters) ? filtersResult.data.filters : [];
  if (feeds.length === 0 || filters.length === 0) return showUnavailable(error, preview);
  const byName = new Map(feeds.map((feed) => [feed.name, feed]));
  const fields = filterFields(form, filters);
  applyRanges(fields);
  replace(
    select,
    feeds.map((feed) => h("option", { value: feed.name, text: feed.label })),
  );
  const showPreview = previewer(preview, byName, storeEmpty);

  /** `announce`: say the preview's count to screen readers (after an edit, not on load). */
  const update = (announceCount) => {
    const state = { ...readForm(form, fields), announce: announceCount };
    error.hidden = !state.error;
    error.textContent = state.error ?? "";
    if (state.error) return;
    const url = personalFeedUrl(byName.get(state.category), state.format, state.filters);
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
