import { type EntityDecoderOptions, type X2jOptions, XMLParser, XMLValidator } from "fast-xml-parser";
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

/**
 * Most markup (`<`: tags, comments, declarations) accepted in one document. arXiv items carry about
 * 22 each (1,430 items: 31,542), so this allows ~45,000 items while bounding the parser's memory
 * for hostile input made of millions of tiny elements.
 */
export const MAX_XML_MARKUP = 1_000_000;

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
// arXiv's RSS carries nothing in attributes; skipping them saves a few per cent on big feeds.
const rssParser = new XMLParser({ ...options, ignoreAttributes: true });
/** `<rss` as the first element, after an optional declaration and comments. */
const RSS_START = /^(?:<\?[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<rss[\s>]/;

/** First characters of a document, quoted, for error messages. */
function excerpt(text: string): string {
  const head = text.slice(0, 60).replace(/\s+/g, " ");
  return JSON.stringify(text.length > 60 ? `${head}…` : head);
}

/** Cheap look at the start: rules out non-XML bodies and HTML pages before any parsing. */
function sniff(xml: string): ArxivParseError | undefined {
  const start = xml.search(/\S/);
  if (start === -1) return new ArxivParseError("not-a-feed", "empty document");
  if (xml[start] !== "<")
    return new ArxivParseError("not-a-feed", `not XML: starts ${excerpt(xml.slice(start))}`);
  const head = xml.slice(start, start + 2048);
  const html = /^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html)\b/i.test(head);
  if (!html) return undefined;
  const title = /<title[^>]*>([^<]{0,200})/i.exec(xml.slice(start, start + 16384))?.[1]?.trim();
  return new ArxivParseError(
    "not-a-feed",
    `an HTML page, not a feed${title ? ` (title ${excerpt(title)})` : ""}`,
  );
}

function countMarkup(text: string, limit: number): number {
  let count = 0;
  for (let i = text.indexOf("<"); i !== -1 && count <= limit; i = text.indexOf("<", i + 1)) count++;
  return count;
}

/** fast-xml-parser's validator, as an error with line and column (message capped: it can list every open tag). */
function validate(text: string): ArxivParseError | undefined {
  const valid = XMLValidator.validate(text);
  if (valid === true) return undefined;
  const { msg, line, col } = valid.err;
  const unclosed = /^Invalid '(\[[^\]]*\])' found\.$/.exec(msg)?.[1];
  if (unclosed !== undefined) {
    const names: unknown = JSON.parse(unclosed);
    const path = Array.isArray(names) ? names.slice(0, 8).map((n) => `<${String(n)}>`) : [];
    const more = Array.isArray(names) && names.length > 8 ? " …" : "";
    return new ArxivParseError(
      "malformed",
      `malformed XML: ends inside ${path.join(" ")}${more} (truncated?)`,
    );
  }
  const short = msg.length > 200 ? `${msg.slice(0, 200)}…` : msg;
  return new ArxivParseError("malformed", `malformed XML at line ${line}, column ${col}: ${short}`);
}

/**
 * Checks that `xml` is a well-formed document and parses it in one pass.
 * Expected failures (not XML, an HTML page, malformed or hostile XML) come back as errors.
 */
export function readXml(xml: string): XmlDocument | ArxivParseError {
  const text = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  const sniffed = sniff(text);
  if (sniffed) return sniffed;
  if (countMarkup(text, MAX_XML_MARKUP) > MAX_XML_MARKUP) {
    return new ArxivParseError("malformed", `more than ${MAX_XML_MARKUP} tags: not an arXiv feed`);
  }

  // Parse first: the parser stops at MAX_XML_DEPTH at once, where the validator would first walk
  // (and stack) the whole nest.
  let tree: unknown;
  try {
    const head = text.slice(text.search(/\S/), 4096);
    tree = (RSS_START.test(head) ? rssParser : parser).parse(text);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    if (/nested tags/i.test(reason)) {
      return new ArxivParseError("malformed", `elements nested deeper than ${MAX_XML_DEPTH} levels`, {
        cause,
      });
    }
    // The validator's message says where; the parser's only what.
    return validate(text) ?? new ArxivParseError("malformed", `unreadable XML: ${reason}`, { cause });
  }
  // The parser accepts truncated and mismatched XML without complaint; the validator does not.
  const invalid = validate(text);
  if (invalid) return invalid;

  const roots =
    typeof tree === "object" && tree !== null ? Object.entries(tree).filter(([n]) => !n.startsWith("#")) : [];
  const [first] = roots;
  if (first === undefined) return new ArxivParseError("not-a-feed", "no root element");
  // The validator lets a second, self-closing root element through (`…</rss><rss/>`).
  if (roots.length > 1 || Array.isArray(first[1])) {
    return new ArxivParseError("malformed", "malformed XML: more than one root element");
  }
  return { root: first[0], content: first[1] };
}
