import type { AnnounceType, Paper } from "../model/paper.js";
import { parseArxivId } from "./arxiv-id.js";
import { ArxivParseError } from "./errors.js";
import { splitAuthors } from "./parse-authors.js";
import { arxivDay, isoTime } from "./parse-date.js";
import { child, childText, listOf, one } from "./parse-node.js";
import { buildPaper, inferAnnounceType, optionalText } from "./parse-paper.js";
import type { ParsedFeed, SkippedItem } from "./parse-types.js";
import { cleanText, htmlToText, texAccentsToUnicode } from "./text.js";

/**
 * `(arXiv:2107.03419v1 [hep-ex] CROSS LISTED)`: the suffix the old feed put on every title. The
 * marker takes its trailing spaces (a lazy marker before `\s*` was quadratic on a run of spaces).
 */
const TITLE_SUFFIX = /^\(arXiv:([^\s()[\]]+)\s*\[([^\]]*)\]\s*([A-Z][A-Z ]*)?\)\s*$/;

/** `<a href="…">R. Aaij</a>`: one author each in the old feed's HTML author list. */
const AUTHOR_LINK = /<a\b[^<>]*>([^<]*)<\/a>/gi;

/**
 * The old feed turned `\t` in TeX into a tab (`$\Omega_b^- \to$` arrived as `^- <TAB>o`).
 * A tab directly before a lower-case letter is put back as `\t`.
 */
function untab(text: string): string {
  return text.indexOf("\t") === -1 ? text : text.replace(/\t(?=[a-z])/g, "\\t");
}

function rdfAuthors(html: string): string[] {
  const links = [...html.matchAll(AUTHOR_LINK)].flatMap((m) => optionalText(htmlToText(m[1] ?? "")) ?? []);
  // Without links, the text is a plain list (and "et al. (N additional authors not shown)" is dropped).
  return links.length > 0
    ? links
    : splitAuthors(htmlToText(html).replace(/\(\d+ additional authors not shown\)/, ""));
}

/**
 * `UPDATED` marks a replacement; it is a replace-cross when the primary category is not one the
 * feed is for (`hep-ex updates on arXiv.org` lists them). Unmarked items are new.
 */
function rdfAnnounceType(
  marker: string,
  primary: string,
  feedCategories: string[],
  version: number,
): AnnounceType {
  const inFeed =
    feedCategories.length === 0 || feedCategories.some((f) => primary === f || primary.startsWith(`${f}.`));
  if (/CROSS/.test(marker)) return "cross";
  if (/UPDATED|REPLACED/.test(marker)) return inFeed ? "replace" : "replace-cross";
  return inferAnnounceType(version);
}

function readItem(item: unknown, announced: string | undefined, feedCategories: string[]): Paper | string {
  const rawTitle = childText(item, "title") ?? "";
  const at = rawTitle.lastIndexOf("(arXiv:");
  const suffix = at === -1 ? null : TITLE_SUFFIX.exec(rawTitle.slice(at));
  const parsed =
    parseArxivId(suffix?.[1] === undefined ? "" : `arXiv:${suffix[1]}`) ??
    parseArxivId(childText(item, "link") ?? "");
  if (!parsed) return "no arXiv id in title or link";
  if (announced === undefined) return "no announcement date (channel dc:date missing)";
  const version = parsed.version ?? 1;
  const primary = optionalText(suffix?.[2]);
  // "Title. (arXiv:…)": the full stop before the suffix was added by the feed, not the author.
  const title = suffix ? rawTitle.slice(0, at).trimEnd().replace(/\.$/, "") : rawTitle;

  const paper = buildPaper({
    id: parsed.id,
    version,
    title: cleanText(texAccentsToUnicode(untab(title))),
    authors: rdfAuthors(childText(item, "dc:creator") ?? ""),
    abstract: cleanText(texAccentsToUnicode(untab(htmlToText(childText(item, "description") ?? "")))),
    announceType: rdfAnnounceType(suffix?.[3] ?? "", primary ?? "", feedCategories, version),
    categories: primary === undefined ? [] : [primary],
    announced,
  });
  return paper ?? "no category in title";
}

/** The retired export.arxiv.org/rss RDF (RSS 1.0) feed; `rdf` is the `rdf:RDF` element's content. */
export function readRdf(rdf: unknown): ParsedFeed | ArxivParseError {
  const channel = one(child(rdf, "channel"));
  if (channel === undefined) return new ArxivParseError("not-a-feed", "RDF document without a <channel>");
  const title = optionalText(childText(channel, "title"));
  const feedCategories = /^(.+?) updates on arXiv\.org$/i.exec(title ?? "")?.[1]?.split(/[\s,+]+/) ?? [];
  const date = childText(channel, "dc:date");
  const announced = arxivDay(date);

  const papers: Paper[] = [];
  const skipped: SkippedItem[] = [];
  listOf(child(rdf, "item")).forEach((item, index) => {
    const result = readItem(item, announced, feedCategories);
    if (typeof result === "string") skipped.push({ index, reason: result });
    else papers.push(result);
  });

  return {
    format: "rdf",
    title,
    builtAt: isoTime(date),
    announced,
    skipDays: [],
    papers,
    skipped,
    paging: undefined,
  };
}
