/**
 * Bounds on the Markdown the renderer (marked) sees. Its cost is linear for ordinary text but
 * not for two shapes no summary needs, so untrusted Markdown is trimmed of them first.
 */

/**
 * Most containers (list items, block quotes) one line may open. A model's answer nests two or
 * three; the renderer recurses once per level, so `1. 1. 1. …` or `>>>…` a thousand deep
 * overflowed its stack.
 */
export const MAX_MARKDOWN_NESTING = 8;

/**
 * Most emphasis marks (`*`, `_`) rendered as marks; later ones are escaped. The renderer pairs
 * them in time quadratic in their number (4,000 took 150 ms); a summary uses a few dozen.
 */
export const MAX_EMPHASIS_MARKS = 300;

/** The containers a line opens: `>`, or a list marker followed by a space or the line's end. */
const CONTAINER_PREFIX = /^(?:[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)))+/gm;
const CONTAINER = /[ \t]*(?:>|[-*+]|\d{1,9}[.)])/g;

function limitNesting(markdown: string): string {
  return markdown.replace(CONTAINER_PREFIX, (prefix) => {
    const markers = prefix.match(CONTAINER) ?? [];
    return markers.length > MAX_MARKDOWN_NESTING ? markers.slice(0, MAX_MARKDOWN_NESTING).join("") : prefix;
  });
}

function limitEmphasis(markdown: string): string {
  let seen = 0;
  return markdown.replace(/(\\?)([*_])/g, (mark, escaped: string, char: string) => {
    if (escaped) return mark;
    seen++;
    return seen > MAX_EMPHASIS_MARKS ? `\\${char}` : mark;
  });
}

/** Markdown within MAX_MARKDOWN_NESTING containers a line and MAX_EMPHASIS_MARKS emphasis marks. */
export function boundMarkdown(markdown: string): string {
  return limitEmphasis(limitNesting(markdown));
}
