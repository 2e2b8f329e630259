import { type EntityDecoderOptions, XMLParser, XMLValidator, type X2jOptions } from "fast-xml-parser";
import { ArxivParseError } from "./errors.js";
import { decodeXmlEntities } from "./text.js";

/** Deepest element nesting accepted (arXiv feeds nest 4 deep); deeper documents are malformed. */
export const MAX_XML_DEPTH = 32;

/** The root element of a well-formed document and the tree below it. */
export interface XmlDocument {
  /** Root element name with its prefix: `rss`, `feed`, `rdf:RDF`, `html`, … */
  root: string;
  /** The root element's content as fast-xml-parser builds it (see parse-node.ts to read it). */
  content: unknown;
}

/** Elements that can repeat, so that one occurrence still comes back as an array. */
const REPEATED = new Set(["item", "entry", "category", "author", "day", "dc:creator"]);

// Our decoder replaces fast-xml-parser's: numeric references decoded (the default leaves them),
// DOCTYPE-declared entities never expanded (entity bombs stay inert), one pass only.
const entityDecoder: EntityDecoderOptions = {
  setExternalEntities() {},
  addInputEntities() {},
  reset() {},
  setXmlVersion() {},
  decode: decodeXmlEntities,
};

const options: X2jOptions = {
  ignoreAttributes: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Entities are not expanded (see entityDecoder); these limits only bound reading a hostile DOCTYPE.
  processEntities: { enabled: true, maxEntityCount: 32, maxEntitySize: 1024 },
  entityDecoder,
  isArray: (name) => REPEATED.has(name),
  maxNestedTags: MAX_XML_DEPTH,
  // Callbacks get a matcher instead of a path string built for every element: much faster.
  jPath: false,
};

const parser = new XMLParser(options);

/** First characters of a document, quoted, for error messages. */
function excerpt(text: string): string {
  const head = text.slice(0, 60).replace(/\s+/g, " ");
  return JSON.stringify(text.length > 60 ? `${head}…` : head);
}

/** Cheap look at the start: rules out non-XML bodies and HTML pages before any parsing. */
function sniff(xml: string): ArxivParseError | undefined {
  const start = xml.search(/\S/);
  if (start === -1) return new ArxivParseError("not-a-feed", "empty document");
  if (xml[start] !== "<") return new ArxivParseError("not-a-feed", `not XML: starts ${excerpt(xml.slice(start))}`);
  const head = xml.slice(start, start + 2048);
  const html = /^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html)\b/i.test(head);
  if (!html) return undefined;
  const title = /<title[^>]*>([^<]{0,200})/i.exec(xml.slice(start, start + 16384))?.[1]?.trim();
  return new ArxivParseError("not-a-feed", `an HTML page, not a feed${title ? ` (title ${excerpt(title)})` : ""}`);
}

/**
 * Checks that `xml` is a well-formed document and parses it in one pass.
 * Expected failures (not XML, an HTML page, malformed or hostile XML) come back as errors.
 */
export function readXml(xml: string): XmlDocument | ArxivParseError {
  const text = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  const sniffed = sniff(text);
  if (sniffed) return sniffed;

  // fast-xml-parser's parser accepts truncated and mismatched XML silently; its validator does not.
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    return new ArxivParseError("malformed", `malformed XML at line ${line}, column ${col}: ${msg}`);
  }

  let tree: unknown;
  try {
    tree = parser.parse(text);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new ArxivParseError("malformed", `unreadable XML: ${reason}`, { cause });
  }

  if (typeof tree === "object" && tree !== null) {
    for (const [name, content] of Object.entries(tree)) {
      if (!name.startsWith("#")) return { root: name, content };
    }
  }
  return new ArxivParseError("not-a-feed", "no root element");
}
