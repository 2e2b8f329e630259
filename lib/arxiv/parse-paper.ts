import { type AnnounceType, AnnounceTypeSchema, type Paper } from "../model/paper.js";
import { arxivLinks } from "./arxiv-id.js";
import { clipAuthors, clipField, clipOptional, FIELD_LIMITS as MAX } from "./field-limits.js";
import { cleanText } from "./text.js";

/** What a format parser found for one item, before it becomes a `Paper`. */
export interface PaperFields {
  id: string;
  version: number;
  title: string;
  authors: string[];
  abstract: string;
  announceType: AnnounceType;
  /** As listed; the primary is moved to the front. */
  categories: string[];
  /** Defaults to the first category listed. */
  primaryCategory?: string | undefined;
  announced: string;
  license?: string | undefined;
  doi?: string | undefined;
  comment?: string | undefined;
  journalRef?: string | undefined;
}

const ANNOUNCE_TYPES: ReadonlySet<string> = new Set(AnnounceTypeSchema.options);

/** `new`, `cross`, `replace` or `replace-cross` from a feed's text; undefined for anything else. */
export function toAnnounceType(text: string | undefined): AnnounceType | undefined {
  const t = text?.trim().toLowerCase();
  return t !== undefined && ANNOUNCE_TYPES.has(t) ? (t as AnnounceType) : undefined;
}

/**
 * For sources that do not say (API entries, unmarked RDF items): version 1 is a new submission,
 * a later version a replacement. Cross-lists cannot be told apart without knowing the feed's category.
 */
export function inferAnnounceType(version: number): AnnounceType {
  return version > 1 ? "replace" : "new";
}

/** Cleaned text, or undefined when nothing is left. */
export function optionalText(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const t = cleanText(text);
  return t === "" ? undefined : t;
}

/**
 * Assembles the `Paper`, every field within FIELD_LIMITS; undefined when there is no category
 * at all (the schema needs one).
 */
export function buildPaper(fields: PaperFields): Paper | undefined {
  const f = clipped(fields);
  const primary = f.primaryCategory ?? f.categories[0];
  if (primary === undefined) return undefined;
  const categories = [primary];
  for (const c of f.categories) {
    if (categories.length >= MAX.categories) break;
    if (c !== primary && !categories.includes(c)) categories.push(c);
  }
  const paper: Paper = {
    id: f.id,
    version: f.version,
    title: f.title,
    authors: f.authors,
    abstract: f.abstract,
    announceType: f.announceType,
    categories,
    primaryCategory: primary,
    announced: f.announced,
    links: arxivLinks(f.id, f.version),
  };
  if (f.license !== undefined) paper.license = f.license;
  if (f.doi !== undefined) paper.doi = f.doi;
  if (f.comment !== undefined) paper.comment = f.comment;
  if (f.journalRef !== undefined) paper.journalRef = f.journalRef;
  return paper;
}

/** The fields cut to FIELD_LIMITS: whatever a feed carries, a paper stays a few KB. */
function clipped(f: PaperFields): PaperFields {
  return {
    ...f,
    title: clipField(f.title, MAX.title),
    abstract: clipField(f.abstract, MAX.abstract),
    authors: clipAuthors(f.authors),
    license: clipOptional(f.license, MAX.license),
    doi: clipOptional(f.doi, MAX.doi),
    comment: clipOptional(f.comment, MAX.comment),
    journalRef: clipOptional(f.journalRef, MAX.journalRef),
  };
}
