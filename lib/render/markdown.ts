import { foldWhitespace } from "./truncate.js";

/**
 * Characters that start emphasis, code, links, HTML, entities, tables or strikethrough inline.
 * CommonMark lets any ASCII punctuation be backslash-escaped. `$` is left alone so GitHub still
 * renders the LaTeX in arXiv titles.
 */
const INLINE_SIGNIFICANT = /[\\`*_[\]<>&|~]/g;

function escapeInline(text: string): string {
  return text.replace(INLINE_SIGNIFICANT, "\\$&");
}

/**
 * `text` as one line of inline Markdown that reads literally (whitespace folded to spaces), also
 * inside link text: a `(` right after an escaped `]` is escaped too, since marked otherwise ends
 * the link text there (`[\[l\](j)](url)` renders no link).
 */
export function markdownText(text: string): string {
  return escapeInline(foldWhitespace(text)).replaceAll("\\](", "\\]\\(");
}

/**
 * Plain multi-line `text` as Markdown that reads literally: blank lines separate paragraphs,
 * other newlines become hard breaks, and neither inline markup nor a line-start marker (heading,
 * quote, list, setext underline) takes effect. Safe inside a raw HTML block such as `<details>`
 * when preceded by a blank line: no `<` survives unescaped.
 */
export function markdownParagraphs(text: string): string {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) =>
      paragraph
        .split(/\r?\n/)
        .map((line) => escapeLineStart(escapeInline(line.trim())))
        .filter(Boolean)
        .join("\\\n"),
    )
    .filter(Boolean)
    .join("\n\n");
}

function escapeLineStart(line: string): string {
  return line.replace(/^[#>+=-]/, "\\$&").replace(/^(\d+)([.)])/, "$1\\$2");
}

/** `url` safe as a Markdown link destination: parentheses and spaces percent-encoded. */
export function markdownUrl(url: string): string {
  return url.replace(/[() ]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}
