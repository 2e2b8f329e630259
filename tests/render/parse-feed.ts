/* Reads rendered RSS and Atom back with fast-xml-parser into the few shapes the tests look at. */
import { XMLParser } from "fast-xml-parser";

/** An element as the parser gives it: its text (CDATA included) and its attributes (`@name`). */
export interface XmlElement {
  "#text": string;
  [attribute: `@${string}`]: string;
}

const REPEATED = new Set([
  "rss.channel.item",
  "rss.channel.atom:link",
  "rss.channel.item.category",
  "rss.channel.item.dc:creator",
  "rss.channel.item.author",
  "feed.link",
  "feed.entry",
  "feed.entry.link",
  "feed.entry.author",
  "feed.entry.category",
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  textNodeName: "#text",
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  alwaysCreateTextNode: true,
  isArray: (_name, jPath) => REPEATED.has(String(jPath)),
});

/** An RSS 2.0 document's channel. */
export interface RssChannel {
  title: XmlElement;
  link: XmlElement;
  description: XmlElement;
  lastBuildDate: XmlElement;
  language?: XmlElement;
  ttl?: XmlElement;
  "atom:link"?: XmlElement[];
  item?: {
    title: XmlElement;
    link: XmlElement;
    guid: XmlElement;
    pubDate: XmlElement;
    description: XmlElement;
    "content:encoded": XmlElement;
    category?: XmlElement[];
    "dc:creator"?: XmlElement[];
    author?: XmlElement[];
  }[];
}

/** Parses RSS 2.0 text (already checked well-formed) into its channel. */
export function parseRss(xml: string): RssChannel {
  return (parser.parse(xml) as { rss: { channel: RssChannel } }).rss.channel;
}

/** An Atom 1.0 feed element. */
export interface AtomFeed {
  "@xml:lang"?: string;
  id: XmlElement;
  title: XmlElement;
  subtitle?: XmlElement;
  updated: XmlElement;
  link: XmlElement[];
  entry?: {
    title: XmlElement;
    id: XmlElement;
    link: XmlElement[];
    updated: XmlElement;
    published: XmlElement;
    summary: XmlElement;
    content: XmlElement;
    author?: { name: XmlElement }[];
    category?: XmlElement[];
  }[];
}

/** Parses Atom text (already checked well-formed) into its feed element. */
export function parseAtom(xml: string): AtomFeed {
  return (parser.parse(xml) as { feed: AtomFeed }).feed;
}

/** XML's end-of-line handling (CR and CRLF read as LF), to compare text read back with its source. */
export function xmlLineEnds(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}
