import { escapeXml, escapeXmlText, xmlText } from "./xml-text.js";

/** One feed listed in an OPML subscription list. */
export interface OpmlFeed {
  title: string;
  /** Absolute URL of the feed document. */
  xmlUrl: string;
  /** Absolute URL of the page the feed describes. */
  htmlUrl: string;
  /** Format of `xmlUrl`; OPML calls every feed `type="rss"`, this only sets `version`. */
  type?: "rss" | "atom";
}

/** Input of `renderOpml`. */
export interface OpmlInput {
  title: string;
  feeds: OpmlFeed[];
}

/** Escapes an attribute value, keeping tabs and newlines (parsers fold literal ones to spaces). */
function attr(value: string): string {
  return escapeXml(xmlText(value)).replace(/[\t\n\r]/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * Renders an OPML 2.0 subscription list: one `<outline type="rss">` per feed, with `text` and
 * `title` (the feed's title), `xmlUrl`, `htmlUrl`, and `version="RSS"` for RSS feeds.
 */
export function renderOpml(input: OpmlInput): string {
  const outlines = input.feeds.map((feed) => {
    const version = feed.type === "atom" ? "" : ' version="RSS"';
    return (
      `    <outline type="rss" text="${attr(feed.title)}" title="${attr(feed.title)}"${version} ` +
      `xmlUrl="${attr(feed.xmlUrl)}" htmlUrl="${attr(feed.htmlUrl)}"/>`
    );
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    "  <head>",
    `    <title>${escapeXmlText(xmlText(input.title))}</title>`,
    "  </head>",
    "  <body>",
    ...outlines,
    "  </body>",
    "</opml>",
    "",
  ].join("\n");
}
