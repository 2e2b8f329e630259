import type { Paper } from "../model/paper.js";
import { parseArxivId } from "./arxiv-id.js";
import { ArxivParseError } from "./errors.js";
import { arxivDay, isoTime } from "./parse-date.js";
import { attrOf, child, childText, listOf, textOf } from "./parse-node.js";
import { buildPaper, inferAnnounceType, optionalText } from "./parse-paper.js";
import type { ApiPaging, ParsedFeed, SkippedItem } from "./parse-types.js";
import { cleanText, texAccentsToUnicode } from "./text.js";

function readEntry(entry: unknown): Paper | string {
  const parsed = parseArxivId(childText(entry, "id") ?? "");
  if (!parsed) return "no arXiv id in <id>";
  const version = parsed.version ?? 1;
  const published = childText(entry, "published");
  const updated = childText(entry, "updated");
  // `published` is when v1 was submitted, `updated` when this version was: the API has no
  // announcement date, so the submission date of this version (US Eastern) stands in for it.
  const announced =
    version > 1 ? (arxivDay(updated) ?? arxivDay(published)) : (arxivDay(published) ?? arxivDay(updated));
  if (announced === undefined) return "no <published> or <updated> date";

  const paper = buildPaper({
    id: parsed.id,
    version,
    title: cleanText(texAccentsToUnicode(childText(entry, "title") ?? "")),
    authors: listOf(child(entry, "author")).flatMap((a) => {
      const name = textOf(child(a, "name"));
      return optionalText(name === undefined ? undefined : texAccentsToUnicode(name)) ?? [];
    }),
    abstract: cleanText(texAccentsToUnicode(childText(entry, "summary") ?? "")),
    announceType: inferAnnounceType(version),
    categories: listOf(child(entry, "category")).flatMap((c) => optionalText(attrOf(c, "term")) ?? []),
    primaryCategory: optionalText(attrOf(child(entry, "arxiv:primary_category"), "term")),
    announced,
    doi: optionalText(childText(entry, "arxiv:doi")),
    comment: optionalText(childText(entry, "arxiv:comment")),
    journalRef: optionalText(childText(entry, "arxiv:journal_ref")),
  });
  return paper ?? "no category";
}

function readPaging(feed: unknown): ApiPaging | undefined {
  const total = Number(childText(feed, "opensearch:totalResults"));
  const start = Number(childText(feed, "opensearch:startIndex"));
  const perPage = Number(childText(feed, "opensearch:itemsPerPage"));
  if (!Number.isInteger(total) || !Number.isInteger(start) || !Number.isInteger(perPage)) return undefined;
  return { totalResults: total, startIndex: start, itemsPerPage: perPage };
}

/**
 * The export.arxiv.org API's Atom (current and older format); `feed` is the root element's content.
 * The API reports a bad query as a feed with one entry whose id is under `/api/errors`: that is
 * returned as a "not-a-feed" error carrying arXiv's message.
 */
export function readAtom(feed: unknown): ParsedFeed | ArxivParseError {
  const entries = listOf(child(feed, "entry"));
  const apiError = entries.find((e) => /\/api\/errors\b/.test(childText(e, "id") ?? ""));
  if (apiError !== undefined) {
    const message = optionalText(childText(apiError, "summary")) ?? "no message";
    return new ArxivParseError("not-a-feed", `arXiv API error: ${message}`);
  }

  const papers: Paper[] = [];
  const skipped: SkippedItem[] = [];
  entries.forEach((entry, index) => {
    const result = readEntry(entry);
    if (typeof result === "string") skipped.push({ index, reason: result });
    else papers.push(result);
  });

  return {
    format: "atom",
    title: optionalText(childText(feed, "title")),
    builtAt: isoTime(childText(feed, "updated")),
    announced: undefined,
    skipDays: [],
    papers,
    skipped,
    paging: readPaging(feed),
  };
}
