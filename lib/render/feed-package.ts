/*
 * Shaping data for the `feed` package (jpmonette/feed), whose XML writer is xml-js, so that its
 * output means exactly what we handed it. Each helper names the edge it works around.
 */
import { escapeXmlText } from "./xml-text.js";

/**
 * For values the package writes as element text without escaping them itself (titles, names,
 * descriptions, guids, categories): xml-js turns `&amp;` back into `&` before escaping, so a
 * literal "&amp;" would reach readers as "&". Escaping `&` first makes its output exact.
 */
export function textForFeed(text: string): string {
  return text.replaceAll("&", "&amp;");
}

/**
 * For HTML the package wraps in CDATA: xml-js splits only the first `]]>` of a CDATA section, so
 * a second one would end the section early and break the document. `]]&gt;` is the same HTML.
 */
export function htmlForCdata(html: string): string {
  return html.replaceAll("]]>", "]]&gt;");
}

/**
 * For attribute values (Atom category terms): the package escapes `&` and xml-js escapes `"`, but
 * nothing escapes `<`, which XML forbids there, and a pre-escaped `&lt;` would be escaped again.
 * Terms are arXiv category identifiers, which never contain `<`, so it is dropped.
 */
export function attributeForFeed(value: string): string {
  return value.replaceAll("<", "");
}

/** The stand-in title handed to the package for item `index`; see `restoreTitles`. */
export function titlePlaceholder(index: number): string {
  return `axf-title-${index}`;
}

const EMITTED_TITLE = {
  rss: /<title><!\[CDATA\[axf-title-(\d+)\]\]><\/title>/g,
  atom: /<title type="html"><!\[CDATA\[axf-title-(\d+)\]\]><\/title>/g,
} as const;

/**
 * Replaces the package's item titles (built from `titlePlaceholder`) by escaped plain-text ones.
 * The package writes item titles as CDATA, and in Atom as `type="html"`, so an arXiv title with
 * `<` or `&` would be read as broken HTML, and one with two `]]>` would break the document (see
 * `htmlForCdata`). Text cannot contain the placeholder element (`<` is escaped there, and CDATA
 * cannot hold `]]>`), so only the titles match. Throws if the package's output changed shape.
 */
export function restoreTitles(xml: string, titles: readonly string[], format: "rss" | "atom"): string {
  let restored = 0;
  const result = xml.replace(EMITTED_TITLE[format], (_element, index: string) => {
    const title = titles[Number(index)];
    if (title === undefined) throw new Error(`feed package output: unexpected title placeholder ${index}`);
    restored++;
    return format === "rss"
      ? `<title>${escapeXmlText(title)}</title>`
      : `<title type="text">${escapeXmlText(title)}</title>`;
  });
  if (restored !== titles.length) {
    throw new Error(`feed package output changed shape: restored ${restored} of ${titles.length} titles`);
  }
  return result;
}
