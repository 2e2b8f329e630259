import type { RankedPaper } from "../model/snapshot.js";
import { foldWhitespace, truncate } from "./truncate.js";
import { escapeXml } from "./xml-text.js";

/** Characters of the abstract an item's short summary shows when the paper has no TL;DR. */
const SHORT_ABSTRACT_CHARS = 300;

/** An item's short summary in two plain-text lines: score and matches, then TL;DR or abstract. */
function summaryLines(paper: RankedPaper): [string, string] {
  const keywords = paper.matches.map((match) => match.keyword).join(", ");
  const head = [`Score ${paper.score.toFixed(1)}`, paper.primaryCategory, keywords && `matched: ${keywords}`]
    .filter(Boolean)
    .join(" · ");
  const tldr = paper.summary?.tldr.trim();
  const body = tldr ? `TL;DR: ${tldr}` : truncate(foldWhitespace(paper.abstract), SHORT_ABSTRACT_CHARS);
  return [head, body];
}

/**
 * The short plain-text summary of an item (JSON Feed `summary`): "Score 8.5 · cs.LG · matched:
 * …" then the AI TL;DR, or the abstract cut at `SHORT_ABSTRACT_CHARS`.
 */
export function itemSummaryText(paper: RankedPaper): string {
  return summaryLines(paper).join("\n");
}

/** The same short summary as HTML (RSS `<description>`, Atom `<summary type="html">`). */
export function itemSummaryHtml(paper: RankedPaper): string {
  return summaryLines(paper)
    .map((line) => `<p>${escapeXml(line)}</p>`)
    .join("");
}
