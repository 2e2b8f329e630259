/*
 * What a reader sees first in an item: the lead (the AI TL;DR, or the abstract's opening) and
 * why the paper matched. Feed previews show an item's first line, so these come before the rest.
 */
import type { KeywordMatch } from "../model/paper.js";
import type { CloseTo, RankedPaper } from "../model/snapshot.js";
import { texText } from "./tex-text.js";
import { foldWhitespace, truncate } from "./truncate.js";
import { escapeXml } from "./xml-text.js";

/** Most characters of the abstract's opening sentences a lead shows when there is no TL;DR. */
const LEAD_ABSTRACT_CHARS = 300;

/** Sentences of the abstract a lead shows when there is no TL;DR. */
const LEAD_SENTENCES = 2;

/**
 * A sentence end: `.`, `!` or `?` (optionally closed by a quote or bracket), a space, then what
 * starts a sentence (a capital, digit, quote, bracket or TeX), so "e.g. this" does not end one.
 */
const SENTENCE_END = /[.!?]["')\]]?\s(?=[\p{Lu}\p{N}"'([$\\])/gu;

/** The first `LEAD_SENTENCES` sentences of `abstract`, whitespace folded, cut at `LEAD_ABSTRACT_CHARS`. */
export function abstractOpening(abstract: string): string {
  const text = foldWhitespace(abstract);
  let end = text.length;
  let count = 0;
  for (const match of text.matchAll(SENTENCE_END)) {
    if (++count === LEAD_SENTENCES) {
      end = match.index + match[0].length - 1;
      break;
    }
  }
  return truncate(text.slice(0, end), LEAD_ABSTRACT_CHARS);
}

/** The item's lead as plain text: the AI TL;DR, or the abstract's opening sentences. */
export function leadText(paper: RankedPaper): string {
  return paper.summary?.tldr.trim() || abstractOpening(paper.abstract);
}

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

/** Longest liked-paper title an explanation quotes, characters. */
const CLOSE_TO_TITLE_CHARS = 160;

/** A similarity as readers see it: two decimals, `0.42`. */
export const similarityText = (similarity: number): string => similarity.toFixed(2);

/**
 * What the explanation calls the liked paper: `close to` one named by `like=` or config.json,
 * `you liked a similar paper` when it is the reader's own vote (`CloseTo.voted`). Every format
 * words it from here (the digest capitalises it as its field name).
 */
export const closeToLead = (closeTo: CloseTo): string =>
  closeTo.voted ? "you liked a similar paper" : "close to";

/**
 * `close to: <title of the liked paper> (similarity 0.42)`, or from a vote `you liked a similar
 * paper: <title> (similarity 0.42)`: plain text, TeX shown as Unicode.
 */
export function closeToText(closeTo: CloseTo): string {
  const title = truncate(foldWhitespace(texText(closeTo.title)), CLOSE_TO_TITLE_CHARS);
  return `${closeToLead(closeTo)}: ${title} (similarity ${similarityText(closeTo.similarity)})`;
}

/**
 * Why the paper is in the feed, in one line: `Score 8.5 · matched: quantization (abstract)`,
 * and, ranked by named papers, `· close to: <liked paper's title> (similarity 0.42)` (see
 * `closeToText`).
 */
export function whyMatchedText(paper: RankedPaper): string {
  const parts = [`Score ${paper.score.toFixed(1)}`];
  if (paper.matches.length) parts.push(`matched: ${matchedKeywordsText(paper.matches)}`);
  if (paper.closeTo) parts.push(closeToText(paper.closeTo));
  return parts.join(" · ");
}

/** The short HTML summary (Atom `<summary type="html">`): the lead, then why it matched. */
export function itemSummaryHtml(paper: RankedPaper): string {
  return [leadText(paper), whyMatchedText(paper)].map((line) => `<p>${escapeXml(line)}</p>`).join("");
}
