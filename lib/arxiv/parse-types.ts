import type { Paper } from "../model/paper.js";
import type { ArxivParseError } from "./errors.js";

/** An item that could not be read as a paper, and why. arXiv's own feeds produce none. */
export interface SkippedItem {
  /** Position of the item/entry in the feed, from 0. */
  index: number;
  reason: string;
}

/** OpenSearch paging totals of an export.arxiv.org API response. */
export interface ApiPaging {
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
}

/** One arXiv feed, read. */
export interface ParsedFeed {
  format: "rss" | "atom" | "rdf";
  title: string | undefined;
  /** Channel lastBuildDate (or Atom feed updated, RDF dc:date) as ISO time, if present. */
  builtAt: string | undefined;
  /** Announcement date of the feed (channel pubDate, in arXiv's time zone) YYYY-MM-DD, if present. */
  announced: string | undefined;
  /** Day names from <skipDays>, e.g. ["Saturday","Sunday"]. */
  skipDays: string[];
  papers: Paper[];
  /** Items left out because they carry no arXiv id, category or date. */
  skipped: SkippedItem[];
  /** Atom API responses only: the OpenSearch totals, for paging. */
  paging: ApiPaging | undefined;
}

export type ParseOutcome = { ok: true; feed: ParsedFeed } | { ok: false; error: ArxivParseError };
