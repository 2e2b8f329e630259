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

/** A plain-text list line: `- item`, `• item`, `1. item`; group 1 the marker, group 2 the item. */
const LIST_LINE = /^\s*([-*+•]|\d{1,9}[.)])\s+(.*)$/;

/** One plain-text line as Markdown: a list item keeps its marker, any other line reads literally. */
function blockLine(line: string): { list: boolean; markdown: string } {
  const item = LIST_LINE.exec(line);
  if (!item) return { list: false, markdown: escapeLineStart(escapeInline(line.trim())) };
  const marker = /\d/.test(item[1] ?? "") ? `${Number.parseInt(item[1] ?? "1", 10)}.` : "-";
  return { list: true, markdown: `${marker} ${escapeLineStart(escapeInline((item[2] ?? "").trim()))}` };
}

/**
 * Plain multi-line `text` (a summary: paragraphs and `- `/`1. ` list lines) as Markdown blocks:
 * list lines become Markdown lists, other lines of a paragraph end in a hard break (two
 * trailing spaces), blank lines separate blocks; no inline markup or other line-start marker
 * takes effect. Safe inside a raw HTML block such as `<details>` when preceded by a blank line:
 * no `<` survives unescaped.
 */
export function markdownBlocks(text: string): string {
  const blocks: string[] = [];
  for (const paragraph of text.split(/\r?\n\s*\r?\n/)) {
    let run: { list: boolean; lines: string[] } | undefined;
    for (const line of paragraph.split(/\r?\n/).filter((l) => l.trim())) {
      const { list, markdown } = blockLine(line);
      if (run?.list !== list) {
        run = { list, lines: [] };
        blocks.push("");
      }
      run.lines.push(markdown);
      blocks[blocks.length - 1] = run.lines.join(list ? "\n" : "  \n");
    }
  }
  return blocks.join("\n\n");
}

function escapeLineStart(line: string): string {
  return line.replace(/^[#>+=-]/, "\\$&").replace(/^(\d+)([.)])(?=\s|$)/, "$1\\$2");
}

/** `url` safe as a Markdown link destination: parentheses and spaces percent-encoded. */
export function markdownUrl(url: string): string {
  return url.replace(/[() ]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}
