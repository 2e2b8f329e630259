import { Feed } from "feed";
import type { RankedPaper } from "../model/snapshot.js";
import { announcedAt, entryUpdatedAt } from "./announced-at.js";
import { type FeedView, prepareFeedView } from "./feed-view.js";
import { renderItemHtml } from "./item-html.js";
import { leadText } from "./item-summary.js";
import { paperUrls } from "./urls.js";

/** The `version` of the JSON Feed documents rendered here. */
export const JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1";

/** The `_arxiv` extension object of each JSON Feed item. */
export interface ArxivItemExtension {
  /** arXiv id without version. */
  id: string;
  version: number;
  /** `<id>v<version>`. */
  versioned_id: string;
  score: number;
  matched_keywords: { keyword: string; in_title: boolean; in_abstract: boolean }[];
  announce_type: RankedPaper["announceType"];
  /** `YYYY-MM-DD`. */
  announced: string;
  primary_category: string;
  categories: string[];
  /** Model that wrote the AI summary, when there is one. */
  summary_model?: string;
  /** Ranked by named papers: cosine similarity with them, −1–1. */
  similarity?: number;
  /**
   * Ranked by named papers: the liked paper it is closest to, their cosine similarity 0–1, and
   * whether that paper is the reader's own vote (a feedback profile's) rather than one named.
   */
  close_to?: { id: string; title: string; similarity: number; voted: boolean };
}

/** The `_arxiv` extension object for `paper`. */
function arxivExtension(paper: RankedPaper): ArxivItemExtension {
  return {
    id: paper.id,
    version: paper.version,
    versioned_id: `${paper.id}v${paper.version}`,
    score: paper.score,
    matched_keywords: paper.matches.map((match) => ({
      keyword: match.keyword,
      in_title: match.inTitle,
      in_abstract: match.inAbstract,
    })),
    announce_type: paper.announceType,
    announced: paper.announced,
    primary_category: paper.primaryCategory,
    categories: paper.categories,
    ...(paper.summary ? { summary_model: paper.summary.model } : {}),
    ...(paper.similarity === undefined ? {} : { similarity: paper.similarity }),
    ...(paper.closeTo
      ? {
          close_to: {
            id: paper.closeTo.id,
            title: paper.closeTo.title,
            similarity: paper.closeTo.similarity,
            voted: paper.closeTo.voted ?? false,
          },
        }
      : {}),
  };
}

interface PackageJsonFeed {
  items: Record<string, unknown>[];
  [key: string]: unknown;
}

/**
 * Renders `view` as JSON Feed 1.1. Items: `id` is `https://arxiv.org/abs/<id>` without version,
 * `url` the abs page, `content_html` the full item HTML, `summary` a short plain text, `authors`
 * every author, `tags` the arXiv categories, `_arxiv` the ranking data (`ArxivItemExtension`).
 */
export function renderJsonFeed(input: FeedView): string {
  const view = prepareFeedView(input);
  const feed = new Feed({
    title: view.title,
    description: view.description,
    link: view.siteUrl,
    feedLinks: { json: view.selfUrl },
  });
  for (const paper of view.papers) {
    const urls = paperUrls(paper);
    const published = announcedAt(paper.announced, view.updated);
    feed.addItem({
      title: paper.title,
      id: urls.entryId,
      link: urls.abs,
      date: entryUpdatedAt(paper, view.updated),
      published,
      // The package uses `description` as `summary`, which JSON Feed defines as plain text.
      description: leadText(paper),
      content: renderItemHtml(paper, "full", view.voteLinks(paper.id)),
      category: paper.categories.map((name) => ({ name })),
      extensions: [{ name: "_arxiv", objects: { ...arxivExtension(paper) } }],
    });
  }
  // The package writes JSON Feed 1.0, with only the first author as `author`; 1.1 has `authors`
  // (all of them) and `language`, which it has no option for.
  const document = JSON.parse(feed.json1()) as PackageJsonFeed;
  document.version = JSON_FEED_VERSION;
  document.language = view.language;
  document.items = document.items.map((item, index) => {
    const { author: _firstOnly, ...rest } = item;
    const names = view.papers[index]?.authors.filter((name) => name.trim()) ?? [];
    return { ...rest, authors: names.map((name) => ({ name })) };
  });
  return jsonForHtml(JSON.stringify(document, null, 2));
}

/**
 * `json` with the `<` of any `<script`, `</script` or `<!--` (found only in plain-text fields:
 * titles, names) and the JavaScript line separators written as `\uXXXX` escapes: the same JSON
 * value, but one that can be inlined in an HTML `<script>` element safely.
 */
function jsonForHtml(json: string): string {
  return json
    .replace(/<(?=\/?script|!--)/gi, "\\u003c")
    .replace(/[\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16)}`);
}
