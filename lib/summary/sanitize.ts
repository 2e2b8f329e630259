import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";
import { xmlText } from "../render/xml-text.js";
import { htmlToText, tidyText } from "./html-text.js";
import { boundMarkdown } from "./markdown-limits.js";

/**
 * Plain text that is safe to place in any feed: XML-valid, and a CDATA terminator `]]>` is
 * broken up so no serializer that wraps text in CDATA can be tricked into closing it.
 */
export function toSafePlainText(text: string): string {
  return xmlText(text).replaceAll("]]>", "]] >");
}

const ALLOWED_TAGS = [
  "p",
  "br",
  "ul",
  "ol",
  "li",
  "strong",
  "em",
  "del",
  "code",
  "pre",
  "blockquote",
  "h3",
  "h4",
  "h5",
  "h6",
  "hr",
  "a",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
];
const ALIGN = { name: "align", multiple: false, values: ["left", "right", "center"] };

const ABSOLUTE_LINK = /^(https?:\/\/|mailto:)/i;

/**
 * A relative href (`[x](!)`, `[x](/path)`) would resolve against the feed's or the reader's own
 * address and point somewhere the model never meant, so only absolute links keep their target.
 */
function absoluteLinkOnly(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const href = attribs.href?.trim() ?? "";
  const kept: sanitizeHtml.Attributes = { rel: "nofollow noopener noreferrer" };
  if (ABSOLUTE_LINK.test(href)) kept.href = href;
  return { tagName, attribs: kept };
}

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: { a: ["href", "rel"], th: [ALIGN], td: [ALIGN] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  // Dropped with their content (the defaults plus everything that embeds or styles).
  nonTextTags: [
    "script",
    "style",
    "textarea",
    "option",
    "noscript",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "title",
    "template",
  ],
  transformTags: {
    // The summary's own headings are h3; the model's headings sit below them.
    h1: "h4",
    h2: "h4",
    h3: "h4",
    b: "strong",
    i: "em",
    a: absoluteLinkOnly,
  },
};

/**
 * Sanitises an HTML fragment with this project's allowlist: text structure, emphasis, code,
 * tables and http/https/mailto links only. No script, style, iframe, image, event handler,
 * `javascript:` or `data:` URL survives; the result is also valid in XML 1.0 and holds no `]]>`.
 */
export function sanitizeFragment(html: string): string {
  return sanitizeHtml(xmlText(html), SANITIZE_OPTIONS).replaceAll("]]>", "]]&gt;");
}

const marked = new Marked({ gfm: true, breaks: false, async: false });

/** Renders untrusted Markdown (LLM output) to sanitised HTML. */
export function markdownToSafeHtml(markdown: string): string {
  return sanitizeFragment(marked.parse(xmlText(boundMarkdown(markdown)), { async: false }));
}

/** Renders untrusted Markdown to plain text (no markup, no raw HTML), safe for any feed. */
export function markdownToText(markdown: string): string {
  return toSafePlainText(htmlToText(markdownToSafeHtml(markdown)));
}

/** Plain text on one line: Markdown stripped, whitespace folded. */
export function markdownToLine(markdown: string): string {
  return tidyText(markdownToText(markdown)).replace(/\s+/g, " ").trim();
}
