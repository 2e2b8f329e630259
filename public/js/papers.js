import { h } from "./dom.js";
import { score, shortAuthors } from "./format.js";

const ANNOUNCE_TYPES = { cross: "cross-list", replace: "replaced", "replace-cross": "replaced cross-list" };

/** Only http(s) links reach an href. */
function safeHref(url) {
  try {
    const parsed = new URL(url, location.origin);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
  } catch {
    return null;
  }
}

function keywordChips(matches) {
  if (!Array.isArray(matches) || matches.length === 0) return null;
  return h(
    "ul",
    { class: "chips", "aria-label": "Matched keywords" },
    matches.map((match) => {
      const where = [match.inTitle ? "title" : null, match.inAbstract ? "abstract" : null].filter(Boolean);
      return h("li", {
        class: `chip${match.inTitle ? " chip-title" : ""}`,
        title: where.length ? `Matched in the ${where.join(" and ")}` : null,
        text: match.keyword,
      });
    }),
  );
}

/**
 * Ranked by named papers: "Close to: <liked paper>" (a link to it) and the similarity, as feeds
 * say it; "You liked a similar paper: …" when that paper is a feedback profile's own vote.
 */
function closeToLine(closeTo) {
  if (!closeTo || typeof closeTo.title !== "string" || !closeTo.title) return null;
  const href = typeof closeTo.id === "string" ? safeHref(`https://arxiv.org/abs/${closeTo.id}`) : null;
  const similarity =
    typeof closeTo.similarity === "number" ? ` (similarity ${closeTo.similarity.toFixed(2)})` : "";
  return h(
    "p",
    { class: "close-to" },
    h("span", {
      class: "close-to-label",
      text: closeTo.voted === true ? "You liked a similar paper: " : "Close to: ",
    }),
    href ? h("a", { href, text: closeTo.title }) : closeTo.title,
    similarity,
  );
}

/** The AI summary: its TL;DR as text, the full sanitised HTML in a disclosure. */
function summaryBlock(summary) {
  if (!summary || typeof summary !== "object") return null;
  const body = h("div", { class: "summary-body" });
  if (typeof summary.html === "string" && summary.html) {
    // `summary.html` is sanitised by the server (the API contract); nothing else is inserted as HTML.
    body.innerHTML = summary.html;
  } else if (typeof summary.text === "string") {
    body.append(h("p", { class: "summary-text", text: summary.text }));
  }
  const tldr = typeof summary.tldr === "string" && summary.tldr ? summary.tldr : null;
  // The TL;DR is shown above the disclosure; drop its repeat at the top of the full summary.
  const lead = body.firstElementChild;
  if (tldr && lead && /^\s*TL;?DR\b/i.test(lead.textContent ?? "")) lead.remove();
  const model = typeof summary.model === "string" && summary.model ? ` (by ${summary.model})` : "";
  return [
    tldr ? h("p", { class: "tldr" }, h("strong", { text: "TL;DR " }), tldr) : null,
    h("details", { class: "disclosure" }, h("summary", { text: `AI summary${model}` }), body),
  ];
}

function links(paper) {
  const items = [
    ["abs", "Abstract page"],
    ["pdf", "PDF"],
    ["html", "HTML"],
  ]
    .map(([key, label]) => {
      const href = safeHref(paper.links?.[key]);
      return href ? h("li", {}, h("a", { href, text: label })) : null;
    })
    .filter(Boolean);
  return items.length ? h("ul", { class: "paper-links", "aria-label": "Links" }, items) : null;
}

/** One paper as a card; `rank` is its 1-based position. */
export function paperCard(paper, rank, { compact = false } = {}) {
  const abs = safeHref(paper.links?.abs);
  // The text readers see (TeX as Unicode); the API keeps arXiv's own in title/abstract.
  const shown = paper.display ?? paper;
  const title = abs ? h("a", { href: abs, text: shown.title }) : shown.title;
  const type = ANNOUNCE_TYPES[paper.announceType];
  const authors = Array.isArray(paper.authors) ? paper.authors : [];
  return h(
    "article",
    { class: `paper${compact ? " paper-compact" : ""}`, "data-id": paper.id },
    h(
      "div",
      { class: "paper-top" },
      h("span", { class: "paper-rank", "aria-hidden": "true", text: String(rank) }),
      h(compact ? "h4" : "h3", { class: "paper-title" }, title),
      h(
        "span",
        { class: "score", title: "Relevance score" },
        h("span", { class: "score-label", text: "score" }),
        h("span", { class: "score-value", text: score(paper.score) }),
      ),
    ),
    h("p", {
      class: "paper-authors",
      title: authors.length > 4 ? authors.join(", ") : null,
      text: shortAuthors(authors),
    }),
    h(
      "p",
      { class: "paper-meta" },
      h("span", { class: "category", text: paper.primaryCategory ?? "" }),
      type ? h("span", { class: "announce-type", text: type }) : null,
      paper.announced ? h("span", { text: paper.announced }) : null,
      h("span", { class: "arxiv-id", text: `arXiv:${paper.id}${paper.version ? `v${paper.version}` : ""}` }),
    ),
    keywordChips(paper.matchedKeywords),
    closeToLine(paper.closeTo),
    compact ? null : summaryBlock(paper.summary),
    compact || !shown.abstract
      ? null
      : h(
          "details",
          { class: "disclosure" },
          h("summary", { text: "Abstract" }),
          h("p", { class: "abstract", text: shown.abstract }),
        ),
    compact ? null : links(paper),
  );
}

/** An ordered list of paper cards. */
export function paperList(papers, options) {
  return h(
    "ol",
    { class: `paper-list${options?.compact ? " paper-list-compact" : ""}` },
    papers.map((paper, i) => h("li", {}, paperCard(paper, i + 1, options))),
  );
}
