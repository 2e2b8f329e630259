import { Feed } from "feed";
import { announcedAt } from "./announced-at.js";
import { htmlForCdata, restoreTitles, textForFeed, titlePlaceholder } from "./feed-package.js";
import { type FeedView, prepareFeedView } from "./feed-view.js";
import { renderItemHtml } from "./item-html.js";
import { paperUrls } from "./urls.js";

/**
 * Renders `view` as RSS 2.0. Items: `guid` is the arXiv id without version (stable across
 * versions and refreshes, `isPermaLink="false"`), authors are one `dc:creator` (RSS's
 * `<author>` is an e-mail address), `<description>` is a short HTML summary and
 * `content:encoded` the full item HTML, `pubDate` is the announcement date.
 */
export function renderRss(input: FeedView): string {
  const view = prepareFeedView(input);
  const feed = new Feed({
    title: textForFeed(view.title),
    description: textForFeed(view.description),
    link: view.siteUrl,
    // `atom:link rel="self"`.
    feedLinks: { rss: view.selfUrl },
    updated: view.updated,
    language: textForFeed(view.language),
    ttl: view.ttlMinutes,
    generator: textForFeed(view.generator),
  });
  view.papers.forEach((paper, index) => {
    const date = announcedAt(paper.announced, view.updated);
    feed.addItem({
      title: titlePlaceholder(index),
      link: paperUrls(paper).abs,
      guid: textForFeed(paper.id),
      date,
      published: date,
      // Everything the reference's description carried (authors, category, score, type, id,
      // abstract) plus keywords, links and the TL;DR, for readers that show only <description>.
      description: htmlForCdata(renderItemHtml(paper, "tldr", view.voteLinks(paper.id))),
      // Also makes the package declare the `dc` namespace that `dc:creator` needs.
      content: htmlForCdata(renderItemHtml(paper, "full", view.voteLinks(paper.id))),
      category: paper.categories.map((name) => ({ name: textForFeed(name) })),
      // Not `author`: the package writes names into RSS `<author>`, an e-mail address field.
      extensions: creatorExtension(paper.authors),
    });
  });
  return restoreTitles(
    feed.rss2(),
    view.papers.map((paper) => paper.title),
    "rss",
  );
}

/**
 * One `dc:creator` with every name joined by ", ", as arXiv's own feed writes it: readers that
 * keep one creator per item (newsboat keeps the last) then show all authors, first author first.
 * No element for a paper without authors.
 */
function creatorExtension(authors: readonly string[]): { name: string; objects: Record<string, unknown> }[] {
  const names = authors.filter((name) => name.trim()).join(", ");
  return names ? [{ name: "dc:creator", objects: { _text: textForFeed(names) } }] : [];
}
