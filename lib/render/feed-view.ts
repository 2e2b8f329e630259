import type { RankedPaper } from "../model/snapshot.js";
import { readableTex } from "./tex-text.js";
import { requireHttpUrl } from "./urls.js";
import { xmlText, xmlTextDeep } from "./xml-text.js";

/** Everything one feed document needs, whatever its format. */
export interface FeedView {
  /** Feed title, naming the category or the personal filter: `arxiv-feeds: cs.LG`. */
  title: string;
  /** Channel description; may carry a notice such as "No announcement today (weekend)." */
  description: string;
  /** Absolute origin of the deployment: `https://x.vercel.app`. */
  siteUrl: string;
  /** Absolute URL of this feed document. */
  selfUrl: string;
  /** Absolute URLs of this same feed in each format. */
  alternates: { rss: string; atom: string; json: string };
  /** When the feed's content last changed. */
  updated: Date;
  /** BCP 47 language tag of the feed: `en`. */
  language: string;
  /** RSS `<ttl>`: minutes a reader may cache the feed. */
  ttlMinutes: number;
  /** Papers in feed order. */
  papers: RankedPaper[];
  /** Generator name; defaults to `DEFAULT_GENERATOR`. */
  generator?: string;
  /** A feedback profile's signed vote links for a paper (by arXiv id); none in other feeds. */
  voteLinks?: (paperId: string) => VoteLinkPair | undefined;
}

/** An item's "More like this" (`like`) and "Less like this" (`dislike`) URLs. */
export interface VoteLinkPair {
  like: string;
  dislike: string;
}

const NO_VOTE_LINKS = (): undefined => undefined;

/** Generator named in feeds when the view does not name one. */
const DEFAULT_GENERATOR = "arxiv-feeds";

/**
 * `view` with every string made valid XML 1.0 text (`xmlText`), simple TeX in titles and
 * abstracts shown as Unicode (`texText`), and every feed-level URL checked and normalised. Throws a `TypeError` for a URL that is not absolute http(s): the caller builds
 * those, so a bad one is a programming error.
 */
export function prepareFeedView(view: FeedView): Required<FeedView> {
  return {
    title: xmlText(view.title),
    description: xmlText(view.description),
    siteUrl: requireHttpUrl(xmlText(view.siteUrl), "FeedView.siteUrl"),
    selfUrl: requireHttpUrl(xmlText(view.selfUrl), "FeedView.selfUrl"),
    alternates: {
      rss: requireHttpUrl(xmlText(view.alternates.rss), "FeedView.alternates.rss"),
      atom: requireHttpUrl(xmlText(view.alternates.atom), "FeedView.alternates.atom"),
      json: requireHttpUrl(xmlText(view.alternates.json), "FeedView.alternates.json"),
    },
    updated: view.updated,
    language: xmlText(view.language),
    ttlMinutes: view.ttlMinutes,
    papers: xmlTextDeep(view.papers).map(readableTex),
    generator: xmlText(view.generator ?? DEFAULT_GENERATOR),
    voteLinks: view.voteLinks ?? NO_VOTE_LINKS,
  };
}
