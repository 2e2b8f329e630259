import type { RankedPaper } from "../model/snapshot.js";
import { texText } from "../render/tex-text.js";
import type { ApiPaper } from "./schemas.js";

/**
 * A stored paper as the JSON API shows it: absent optional fields are null, never missing; the
 * original title and abstract, and in `display` the text readers see (`texText`).
 */
export function toApiPaper(paper: RankedPaper): ApiPaper {
  return {
    id: paper.id,
    version: paper.version,
    title: paper.title,
    authors: paper.authors,
    abstract: paper.abstract,
    categories: paper.categories,
    primaryCategory: paper.primaryCategory,
    announceType: paper.announceType,
    announced: paper.announced,
    links: { abs: paper.links.abs, pdf: paper.links.pdf, html: paper.links.html },
    license: paper.license ?? null,
    doi: paper.doi ?? null,
    comment: paper.comment ?? null,
    score: paper.score,
    matchedKeywords: paper.matches,
    summary: paper.summary ?? null,
    summaryModel: paper.summary?.model ?? null,
    similarity: paper.similarity ?? null,
    closeTo: paper.closeTo
      ? {
          id: paper.closeTo.id,
          title: paper.closeTo.title,
          similarity: paper.closeTo.similarity,
          voted: paper.closeTo.voted ?? false,
        }
      : null,
    display: { title: texText(paper.title), abstract: texText(paper.abstract) },
  };
}
