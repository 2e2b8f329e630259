import type { Summary } from "../model/summary.js";
import { escapeXml } from "../render/xml-text.js";
import type { ParsedSummary } from "./parse-summary.js";
import type { SummaryHeadings } from "./prompt.js";
import { markdownToLine, markdownToSafeHtml, markdownToText, toSafePlainText } from "./sanitize.js";

/** Who wrote a summary, in which language, when. */
export interface SummaryMeta {
  model: string;
  language: string;
  /** ISO time. */
  createdAt: string;
}

/** Longest TL;DR and section kept, characters (a looping model must not bloat every feed). */
const MAX_TLDR_CHARS = 400;
const MAX_SECTION_CHARS = 4000;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/**
 * Turns a parsed completion into the stored `Summary`: the TL;DR as one line of plain text,
 * each section as plain text under our own heading, and the whole as sanitised HTML and plain
 * text. Every field is XML-safe; `html` passed the allowlist sanitiser.
 */
export function buildSummary(parsed: ParsedSummary, headings: SummaryHeadings, meta: SummaryMeta): Summary {
  const tldr = clip(markdownToLine(parsed.tldr), MAX_TLDR_CHARS);
  const sections = parsed.sections.map((section) => {
    const markdown = clip(section.markdown, MAX_SECTION_CHARS);
    return { key: section.key, heading: headings[section.key], markdown, text: markdownToText(markdown) };
  });
  const body = parsed.body === undefined ? undefined : clip(parsed.body, MAX_SECTION_CHARS);

  const html: string[] = [];
  const text: string[] = [];
  if (tldr) {
    html.push(`<p><strong>${escapeXml(headings.tldr)}:</strong> ${escapeXml(tldr)}</p>`);
    text.push(`${headings.tldr}: ${tldr}`);
  }
  for (const section of sections) {
    html.push(`<h3>${escapeXml(section.heading)}</h3>\n${markdownToSafeHtml(section.markdown)}`);
    text.push(`${section.heading}\n${section.text}`);
  }
  if (body !== undefined) {
    html.push(markdownToSafeHtml(body));
    text.push(markdownToText(body));
  }

  return {
    model: meta.model,
    language: meta.language,
    tldr: toSafePlainText(tldr),
    sections: sections.map(({ key, heading, text: sectionText }) => ({ key, heading, text: sectionText })),
    html: html.join("\n"),
    text: toSafePlainText(text.join("\n\n")),
    createdAt: meta.createdAt,
  };
}
