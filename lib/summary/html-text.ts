import { Parser } from "htmlparser2";
import { trimEndOf } from "./trim-end.js";

/** How `htmlToText` reduces a page. */
export interface HtmlToTextOptions {
  /** Elements dropped with everything inside them (lower-case names). */
  skipTags?: ReadonlySet<string>;
  /** Elements dropped with everything inside them when their `class` holds one of these. */
  skipClasses?: readonly string[];
  /** Keep only the text inside `<article>` when the page has one (drops site chrome). */
  preferArticle?: boolean;
  /** Write `<math alttext="…">` as its TeX alt text instead of the MathML inside it. */
  mathAltText?: boolean;
}

/** Elements whose content is never text a reader wants. */
export const NON_TEXT_TAGS: ReadonlySet<string> = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "iframe",
  "object",
  "embed",
  "svg",
  "canvas",
  "head",
  "title",
  "textarea",
  "select",
  "button",
]);

const BLOCK_TAGS = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "caption",
  "dd",
  "div",
  "dl",
  "dt",
  "figcaption",
  "figure",
  "footer",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "main",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "table",
  "tbody",
  "thead",
  "tfoot",
  "tr",
  "ul",
]);

interface Frame {
  /** This element began a skipped subtree. */
  startsSkip: boolean;
  /** Counter of an `<ol>`, the marker kind of a `<ul>`. */
  list?: { ordered: boolean; next: number };
}

/**
 * Reduces HTML to readable plain text: block elements become line breaks, list items get
 * `- ` / `1. ` markers, whitespace is folded as a browser would (except in `<pre>`), entities
 * are decoded. Pure; never throws on malformed HTML.
 */
export function htmlToText(html: string, options: HtmlToTextOptions = {}): string {
  const skipTags = options.skipTags ?? NON_TEXT_TAGS;
  const skipClasses = options.skipClasses ?? [];
  const all: string[] = [];
  const article: string[] = [];
  const stack: Frame[] = [];
  let skipDepth = 0;
  let preDepth = 0;
  let articleDepth = 0;
  // Right after a list marker, block breaks (a loose list item's <p>) would separate it from its text.
  let atItemStart = false;

  const emit = (text: string) => {
    if (atItemStart && /^\s*$/.test(text)) return;
    atItemStart = false;
    all.push(text);
    if (articleDepth > 0) article.push(text);
  };
  const nearestList = () => {
    for (let i = stack.length - 1; i >= 0; i--) {
      const list = stack[i]?.list;
      if (list) return list;
    }
    return undefined;
  };

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const classes = (attribs.class ?? "").split(/\s+/);
        const startsSkip =
          skipDepth === 0 && (skipTags.has(name) || skipClasses.some((c) => classes.includes(c)));
        const frame: Frame = { startsSkip };
        stack.push(frame);
        if (skipDepth > 0) return;
        if (name === "math" && options.mathAltText) {
          const tex = attribs.alttext?.trim();
          const last = all[all.length - 1] ?? "";
          if (tex) emit(/\s$/.test(last) || !last ? tex : ` ${tex}`);
          frame.startsSkip = true;
          skipDepth++;
          return;
        }
        if (startsSkip) {
          skipDepth++;
          return;
        }
        if (name === "article") articleDepth++;
        if (name === "pre") preDepth++;
        if (name === "ol" || name === "ul") frame.list = { ordered: name === "ol", next: 1 };
        if (name === "li") {
          const list = nearestList();
          emit(list?.ordered ? `\n${list.next++}. ` : "\n- ");
          atItemStart = true;
        } else if (name === "br") emit("\n");
        else if (name === "td" || name === "th") emit(" ");
        else if (BLOCK_TAGS.has(name)) emit("\n\n");
      },
      ontext(text) {
        if (skipDepth > 0) return;
        emit(preDepth > 0 ? text : text.replace(/\s+/g, " "));
      },
      onclosetag(name) {
        const frame = stack.pop();
        if (!frame) return;
        if (frame.startsSkip) {
          skipDepth--;
          return;
        }
        if (skipDepth > 0) return;
        if (name === "pre") preDepth--;
        if (BLOCK_TAGS.has(name)) emit("\n");
        if (name === "article") articleDepth--;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();

  const chosen = options.preferArticle && article.join("").trim() ? article : all;
  return tidyText(chosen.join(""));
}

const LINE_SPACE = " \t\f\v\u00a0";

/** Trims every line, drops spaces at line starts, keeps at most one blank line in a row. */
export function tidyText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => trimEndOf(line, LINE_SPACE).replace(/^[ \t\f\v\u00a0]+(?=\S)/, ""))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
