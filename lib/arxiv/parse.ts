import { ArxivParseError } from "./errors.js";
import { readAtom } from "./parse-atom.js";
import { readRdf } from "./parse-rdf.js";
import { readRss } from "./parse-rss.js";
import type { ParseOutcome } from "./parse-types.js";
import { readXml } from "./parse-xml.js";

export type { ApiPaging, ParsedFeed, ParseOutcome, SkippedItem } from "./parse-types.js";

/**
 * Largest feed accepted, in characters (UTF-16 code units; a fetcher can apply the same number to
 * bytes). Real combined daily feeds stay under 5 MB; anything over this is refused unparsed.
 */
export const MAX_FEED_SIZE = 25 * 1024 * 1024;

/**
 * Reads any arXiv feed: rss.arxiv.org RSS 2.0, the export.arxiv.org API's Atom, or the retired
 * RDF (RSS 1.0) export feed. Pure; never throws for bad input: a response that is too large,
 * not well-formed XML, or not a feed comes back as `{ ok: false, error }`.
 *
 * Where a format does not say (API, RDF), `announceType` is inferred: `new` for version 1,
 * `replace` for later versions (RDF: `cross`/`replace-cross` from its title markers), and
 * `announced` is this version's submission date (API) or the feed's date (RDF), in US Eastern time.
 */
export function parseArxivFeed(xml: string): ParseOutcome {
  if (xml.length > MAX_FEED_SIZE) {
    const error = new ArxivParseError(
      "too-large",
      `feed is ${xml.length} characters, over the ${MAX_FEED_SIZE}-character limit`,
    );
    return { ok: false, error };
  }
  const doc = readXml(xml);
  if (doc instanceof ArxivParseError) return { ok: false, error: doc };

  let feed: ReturnType<typeof readRss>;
  switch (doc.root) {
    case "rss":
      feed = readRss(doc.content);
      break;
    case "feed":
      feed = readAtom(doc.content);
      break;
    case "rdf:RDF":
      feed = readRdf(doc.content);
      break;
    default: {
      const error = new ArxivParseError(
        "not-a-feed",
        `root element <${doc.root}> is not an RSS (<rss>), Atom (<feed>) or RDF (<rdf:RDF>) feed`,
      );
      return { ok: false, error };
    }
  }
  return feed instanceof ArxivParseError ? { ok: false, error: feed } : { ok: true, feed };
}
