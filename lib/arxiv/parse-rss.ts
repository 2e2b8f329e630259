import type { Paper } from "../model/paper.js";
import { type ArxivId, parseArxivId } from "./arxiv-id.js";
import { ArxivParseError } from "./errors.js";
import { splitAuthors } from "./parse-authors.js";
import { arxivDay, isoTime } from "./parse-date.js";
import { child, childText, listOf, one, textOf } from "./parse-node.js";
import { buildPaper, inferAnnounceType, optionalText, toAnnounceType } from "./parse-paper.js";
import type { ParsedFeed, SkippedItem } from "./parse-types.js";
import { cleanText, texAccentsToUnicode } from "./text.js";

/** `arXiv:2604.21952v1 Announce Type: new \nAbstract: …`, the start of every rss.arxiv.org description. */
const PREAMBLE = /^\s*arXiv:(\S+)\s+Announce Type:\s*([A-Za-z-]+)\s*(?:Abstract:\s*)?/;

interface FeedContext {
  /** The channel's announcement date: fallback for items without pubDate. */
  announced: string | undefined;
}

/** The id, from the description's preamble, else the guid, else the link; the version from whichever has one. */
function itemId(item: unknown, preambleId: string | undefined): ArxivId | undefined {
  const fromPreamble = preambleId === undefined ? undefined : parseArxivId(`arXiv:${preambleId}`);
  if (fromPreamble?.version !== undefined) return fromPreamble;
  let found = fromPreamble;
  for (const name of ["guid", "link"]) {
    const id = parseArxivId(childText(item, name) ?? "");
    if (id === undefined || (found !== undefined && id.id !== found.id)) continue;
    if (id.version !== undefined) return id;
    found ??= id;
  }
  return found;
}

function readItem(item: unknown, ctx: FeedContext): Paper | string {
  const description = childText(item, "description") ?? "";
  const preamble = PREAMBLE.exec(description);
  const found = itemId(item, preamble?.[1]);
  if (!found) return "no arXiv id in description, guid or link";
  const version = found.version ?? 1;

  const announced = arxivDay(childText(item, "pubDate")) ?? ctx.announced;
  if (announced === undefined) return "no announcement date (item and channel pubDate missing)";

  const abstract = preamble
    ? description.slice(preamble[0].length)
    : description.replace(/^\s*Abstract:\s*/, "");
  const paper = buildPaper({
    id: found.id,
    version,
    title: cleanText(texAccentsToUnicode(childText(item, "title") ?? "")),
    authors: listOf(child(item, "dc:creator")).flatMap((c) => splitAuthors(textOf(c) ?? "")),
    abstract: cleanText(texAccentsToUnicode(abstract)),
    announceType:
      toAnnounceType(childText(item, "arxiv:announce_type")) ??
      toAnnounceType(preamble?.[2]) ??
      inferAnnounceType(version),
    categories: listOf(child(item, "category")).flatMap((c) => optionalText(textOf(c)) ?? []),
    announced,
    license: optionalText(childText(item, "dc:rights")),
    doi: optionalText(childText(item, "arxiv:DOI")),
    journalRef: optionalText(childText(item, "arxiv:journal_reference")),
  });
  return paper ?? "no category";
}

/** rss.arxiv.org's RSS 2.0 (per-category and combined feeds); `rss` is the root element's content. */
export function readRss(rss: unknown): ParsedFeed | ArxivParseError {
  const channel = one(child(rss, "channel"));
  if (channel === undefined) return new ArxivParseError("not-a-feed", "RSS document without a <channel>");
  const builtAt = isoTime(childText(channel, "lastBuildDate"));
  const announced = arxivDay(childText(channel, "pubDate"));
  const ctx: FeedContext = { announced: announced ?? arxivDay(childText(channel, "lastBuildDate")) };

  const papers: Paper[] = [];
  const skipped: SkippedItem[] = [];
  listOf(child(channel, "item")).forEach((item, index) => {
    const result = readItem(item, ctx);
    if (typeof result === "string") skipped.push({ index, reason: result });
    else papers.push(result);
  });

  return {
    format: "rss",
    title: optionalText(childText(channel, "title")),
    builtAt,
    announced,
    skipDays: listOf(child(one(child(channel, "skipDays")), "day")).flatMap(
      (d) => optionalText(textOf(d)) ?? [],
    ),
    papers,
    skipped,
    paging: undefined,
  };
}
