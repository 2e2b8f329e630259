import { VOTE_LABELS } from "../feedback/vote.js";
import type { RankedPaper } from "../model/snapshot.js";
import type { Summary } from "../model/summary.js";
import type { VoteLinkPair } from "./feed-view.js";
import { abstractOpening, whyMatchedText } from "./item-summary.js";
import { httpUrl, paperUrls } from "./urls.js";
import { escapeXml as esc } from "./xml-text.js";

/**
 * The full HTML body of a feed item, in the order a reader wants it (previews show its start):
 * the lead (AI TL;DR, or the abstract's opening sentences), why it matched (score, keywords), the
 * structured AI summary (`"full"` only), the abstract, then the metadata (authors, categories,
 * announce type, versioned arXiv id, comments, journal ref, DOI) and links to the abs page, PDF
 * and HTML. Every paper string is escaped; the summary's `html` (sanitised upstream) is embedded
 * only if it passes `looksSafe`. In a feedback profile's feed, its `votes` links last.
 */
export function renderItemHtml(
  paper: RankedPaper,
  summary: "full" | "tldr" = "full",
  votes?: VoteLinkPair,
): string {
  const parts = [leadHtml(paper), `<p><strong>Why it matched:</strong> ${esc(whyMatchedText(paper))}</p>`];
  const structured = summary === "full" && paper.summary ? structuredSummaryHtml(paper.summary) : "";
  if (structured) parts.push(structured);
  parts.push(
    `<p><strong>Abstract:</strong> ${esc(paper.abstract)}</p>`,
    metadataHtml(paper),
    linksHtml(paper),
  );
  if (votes) parts.push(voteLinksHtml(votes));
  return parts.join("\n");
}

/** The signed vote links; each opens a page with one button (opening it casts nothing). */
function voteLinksHtml(votes: VoteLinkPair): string {
  const link = (label: string, url: string) => `<a href="${esc(url)}">${label}</a>`;
  return `<p>${link(VOTE_LABELS.like.button, votes.like)} | ${link(VOTE_LABELS.dislike.button, votes.dislike)}</p>`;
}

function metadataHtml(paper: RankedPaper): string {
  const others = paper.categories.filter((category) => category !== paper.primaryCategory);
  const rows: [string, string][] = [
    ["Authors", esc(paper.authors.join(", ") || "Unknown")],
    ["Category", esc(paper.primaryCategory) + (others.length ? ` (also ${esc(others.join(", "))})` : "")],
    ["Type", esc(paper.announceType)],
    ["arXiv ID", esc(`${paper.id}v${paper.version}`)],
  ];
  if (paper.comment) rows.push(["Comments", esc(paper.comment)]);
  if (paper.journalRef) rows.push(["Journal reference", esc(paper.journalRef)]);
  if (paper.doi) rows.push(["DOI", doiHtml(paper.doi)]);
  return `<ul>${rows.map(([label, value]) => `<li><strong>${label}:</strong> ${value}</li>`).join("")}</ul>`;
}

function linksHtml(paper: RankedPaper): string {
  const urls = paperUrls(paper);
  return (
    `<p><a href="${esc(urls.abs)}">Abstract page</a> | <a href="${esc(urls.pdf)}">PDF</a> | ` +
    `<a href="${esc(urls.html)}">HTML</a></p>`
  );
}

/** The TL;DR, labelled as the summary labels it and credited to its model; else the abstract's opening. */
function leadHtml(paper: RankedPaper): string {
  const tldr = paper.summary?.tldr.trim();
  if (!paper.summary || !tldr) return `<p>${esc(abstractOpening(paper.abstract))}</p>`;
  const label = splitTldr(paper.summary).label ?? "TL;DR";
  return `<p><strong>${label}:</strong> ${esc(tldr)} <em>(AI summary by ${esc(paper.summary.model)})</em></p>`;
}

/** A stored summary's `html` opens with its TL;DR paragraph (`<p><strong>TL;DR:</strong> …</p>`). */
const TLDR_LINE = /^<p><strong>([^<>]{1,60}):<\/strong> ([^\n]*)<\/p>(?:\n|$)/;

/**
 * The summary's HTML without its opening TL;DR paragraph (the item's lead shows it) and that
 * paragraph's label (escaped HTML, in the summary's language). HTML that does not open with
 * exactly the TL;DR is returned whole.
 */
function splitTldr(summary: Summary): { label?: string; rest: string } {
  const match = TLDR_LINE.exec(summary.html);
  if (!match || match[2] !== esc(summary.tldr.trim())) return { rest: summary.html };
  return { label: match[1], rest: summary.html.slice(match[0].length) };
}

/** The AI summary after its TL;DR; empty when the summary is only a TL;DR. */
function structuredSummaryHtml(summary: Summary): string {
  const body = looksSafe(summary.html) ? splitTldr(summary).rest.trim() : plainTextHtml(summary.text);
  return body ? `<h3>AI summary (by ${esc(summary.model)})</h3>\n<div>${body}</div>` : "";
}

function doiHtml(doi: string): string {
  const url = httpUrl(`https://doi.org/${doi}`, "");
  return url ? `<a href="${esc(url)}">${esc(doi)}</a>` : esc(doi);
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
