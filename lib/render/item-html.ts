import type { KeywordMatch } from "../model/paper.js";
import type { RankedPaper } from "../model/snapshot.js";
import type { Summary } from "../model/summary.js";
import { httpUrl, paperUrls } from "./urls.js";
import { escapeXml as esc } from "./xml-text.js";

/** Where a keyword matched, as readers see it: `title, abstract`. */
function matchPlaces(match: KeywordMatch): string {
  const places = [match.inTitle ? "title" : "", match.inAbstract ? "abstract" : ""].filter(Boolean);
  return places.join(", ");
}

/** `quantization (title, abstract), inference (abstract)`: plain text. */
export function matchedKeywordsText(matches: KeywordMatch[]): string {
  return matches
    .map((match) => {
      const places = matchPlaces(match);
      return places ? `${match.keyword} (${places})` : match.keyword;
    })
    .join(", ");
}

/**
 * The full HTML body of a feed item: metadata (authors, categories, score, matched keywords,
 * announce type, versioned arXiv id, comments, journal ref, DOI), the abstract, links to the abs
 * page, PDF and HTML, and the AI summary when there is one. Every paper string is escaped; the
 * summary's `html` (sanitised upstream) is embedded only if it passes `looksSafe`.
 */
export function renderItemHtml(paper: RankedPaper, summary: "full" | "tldr" = "full"): string {
  const urls = paperUrls(paper);
  const others = paper.categories.filter((category) => category !== paper.primaryCategory);
  const rows: [string, string][] = [
    ["Authors", esc(paper.authors.join(", ") || "Unknown")],
    ["Category", esc(paper.primaryCategory) + (others.length ? ` (also ${esc(others.join(", "))})` : "")],
    ["Score", esc(paper.score.toFixed(1))],
  ];
  if (paper.matches.length) rows.push(["Matched keywords", esc(matchedKeywordsText(paper.matches))]);
  rows.push(["Type", esc(paper.announceType)], ["arXiv ID", esc(`${paper.id}v${paper.version}`)]);
  if (paper.comment) rows.push(["Comments", esc(paper.comment)]);
  if (paper.journalRef) rows.push(["Journal reference", esc(paper.journalRef)]);
  if (paper.doi) rows.push(["DOI", doiHtml(paper.doi)]);

  const parts = [
    `<ul>${rows.map(([label, value]) => `<li><strong>${label}:</strong> ${value}</li>`).join("")}</ul>`,
    `<p><strong>Abstract:</strong> ${esc(paper.abstract)}</p>`,
    `<p><a href="${esc(urls.abs)}">Abstract page</a> | <a href="${esc(urls.pdf)}">PDF</a> | ` +
      `<a href="${esc(urls.html)}">HTML</a></p>`,
  ];
  if (paper.summary && summary === "full") parts.push(summaryHtml(paper.summary));
  if (paper.summary && summary === "tldr" && paper.summary.tldr.trim()) {
    parts.push(
      `<p><strong>AI TL;DR (by ${esc(paper.summary.model)}):</strong> ${esc(paper.summary.tldr.trim())}</p>`,
    );
  }
  return parts.join("\n");
}

function doiHtml(doi: string): string {
  const url = httpUrl(`https://doi.org/${doi}`, "");
  return url ? `<a href="${esc(url)}">${esc(doi)}</a>` : esc(doi);
}

function summaryHtml(summary: Summary): string {
  const body = looksSafe(summary.html) ? summary.html : plainTextHtml(summary.text);
  return `<h3>AI summary (by ${esc(summary.model)})</h3>\n<div>${body}</div>`;
}

/** Plain text as HTML paragraphs: blank lines separate paragraphs, single newlines break lines. */
function plainTextHtml(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${esc(paragraph).replace(/\n/g, "<br>")}</p>`)
    .join("");
}

const UNSAFE_HTML = [
  /<\s*\/?\s*(script|style|iframe|frame|frameset|object|embed|applet|link|meta|base|form|svg|math)\b/i,
  /<[^>]*\son[a-z]+\s*=/i,
  // Any URL attribute not plainly http(s), mailto or a fragment (entity-encoded or split schemes too).
  /\b(href|src|srcset|action|formaction|xlink:href)\s*=(?!\s*["']?(https?:\/\/|mailto:|#))/i,
];

/**
 * A tripwire, not a sanitiser: summary HTML is sanitised before it is stored, and this only
 * catches a stored value that was not (an old or tampered snapshot), in which case the summary's
 * plain text is shown instead.
 */
export function looksSafe(html: string): boolean {
  return !UNSAFE_HTML.some((pattern) => pattern.test(html));
}
