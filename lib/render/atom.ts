import { Feed } from "feed";
import { announcedAt, entryUpdatedAt } from "./announced-at.js";
import {
  attributeForFeed,
  htmlForCdata,
  restoreTitles,
  textForFeed,
  titlePlaceholder,
} from "./feed-package.js";
import { type FeedView, prepareFeedView } from "./feed-view.js";
import { renderItemHtml } from "./item-html.js";
import { itemSummaryHtml } from "./item-summary.js";
import { paperUrls } from "./urls.js";
import { escapeXml } from "./xml-text.js";

/** `scheme` of entry categories: the one arXiv's own Atom API uses for its category terms. */
const ARXIV_CATEGORY_SCHEME = "http://arxiv.org/schemas/atom";

const ATOM_ROOT = '<feed xmlns="http://www.w3.org/2005/Atom">';

/**
 * Renders `view` as Atom 1.0 (RFC 4287). Entries: `id` is `https://arxiv.org/abs/<id>` without
 * version (stable across versions and refreshes), titles are `type="text"`, one `<author>` per
 * author, `<category term scheme>` per arXiv category, `<summary type="html">` short and
 * `<content type="html">` full, `published`/`updated` at the announcement.
 */
export function renderAtom(input: FeedView): string {
  const view = prepareFeedView(input);
  const feed = new Feed({
    id: textForFeed(view.selfUrl),
    title: textForFeed(view.title),
    description: textForFeed(view.description),
    // `rel="alternate"` and `rel="self"`.
    link: view.siteUrl,
    feedLinks: { atom: view.selfUrl },
    updated: view.updated,
    // Atom requires a feed author unless every entry has one; papers without authors exist.
    author: { name: textForFeed(view.generator), link: view.siteUrl },
    // The package escapes `&` in the Atom generator itself (not in the RSS one).
    generator: view.generator,
  });
  view.papers.forEach((paper, index) => {
    const urls = paperUrls(paper);
    const published = announcedAt(paper.announced, view.updated);
    feed.addItem({
      title: titlePlaceholder(index),
      id: urls.entryId,
      link: urls.abs,
      date: entryUpdatedAt(paper, view.updated),
      published,
      description: htmlForCdata(itemSummaryHtml(paper)),
      content: htmlForCdata(renderItemHtml(paper, "full", view.voteLinks(paper.id))),
      author: paper.authors.filter((name) => name.trim()).map((name) => ({ name: textForFeed(name) })),
      category: paper.categories.map((term) => ({
        term: attributeForFeed(term),
        scheme: ARXIV_CATEGORY_SCHEME,
      })),
    });
  });
  const xml = restoreTitles(
    feed.atom1(),
    view.papers.map((paper) => paper.title),
    "atom",
  );
  return addRootExtras(xml, view);
}

/**
 * What the package has no option for: `xml:lang` on the root and `rel="alternate"` links to this
 * feed in the other formats. Inserted at the root's start tag, which the package writes verbatim,
 * and before the first `<entry>` (or `</feed>`), which text cannot contain (`<` is escaped).
 */
function addRootExtras(xml: string, view: Required<FeedView>): string {
  if (!xml.includes(ATOM_ROOT)) throw new Error("feed package output changed shape: no Atom root element");
  const lang = /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(view.language)
    ? ` xml:lang="${escapeXml(view.language)}"`
    : "";
  const alternates: [type: string, href: string][] = [
    ["application/rss+xml", view.alternates.rss],
    ["application/feed+json", view.alternates.json],
  ];
  const links = alternates
    .map(([type, href]) => `<link rel="alternate" type="${type}" href="${escapeXml(href)}"/>\n    `)
    .join("");
  const withLang = xml.replace(ATOM_ROOT, () => `${ATOM_ROOT.slice(0, -1)}${lang}>`);
  const entry = withLang.indexOf("<entry>");
  const at = entry >= 0 ? entry : withLang.lastIndexOf("</feed>");
  return `${withLang.slice(0, at)}${links}${withLang.slice(at)}`;
}
