import type { RankedPaper } from "../model/snapshot.js";
import { markdownParagraphs, markdownText, markdownUrl } from "./markdown.js";
import { truncate } from "./truncate.js";
import { paperUrls } from "./urls.js";
import { escapeXml, xmlTextDeep } from "./xml-text.js";

/** Characters of each abstract the digest shows before "...". */
export const DIGEST_ABSTRACT_CHARS = 300;

/** Input of `renderDigest`. */
export interface DigestInput {
  /** Top heading. */
  title: string;
  /** Shown as "Last Updated" (UTC). */
  updated: Date;
  /** Shown as "Categories Monitored". */
  categories: string[];
  /** The configured keywords, listed at the end. */
  keywords: string[];
  /** Ranked papers, best first; all count in "Total Papers Found". */
  papers: RankedPaper[];
  /** How many papers to list; all when omitted. */
  limit?: number;
}

/** `2026-01-29 06:15:08 UTC`, the reference's "Last Updated" format. */
function utcStamp(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

function paperSection(paper: RankedPaper, rank: number): string {
  const lines = [
    `### ${rank}. [${markdownText(paper.title)}](${markdownUrl(paperUrls(paper).abs)})`,
    "",
    `- **Authors**: ${markdownText(paper.authors.join(", "))}`,
    `- **Category**: ${markdownText(paper.primaryCategory)}`,
    `- **Published**: ${markdownText(paper.announced)}`,
    `- **Score**: ${paper.score.toFixed(1)}`,
    `- **Type**: ${markdownText(paper.announceType)}`,
    `- **ArXiv ID**: ${markdownText(`${paper.id}v${paper.version}`)}`,
    "",
    `**Abstract**: ${markdownText(truncate(paper.abstract.trim(), DIGEST_ABSTRACT_CHARS))}`,
  ];
  if (paper.summary) {
    lines.push(
      "",
      "<details>",
      `<summary>AI Summary (by ${escapeXml(paper.summary.model)})</summary>`,
      "",
      markdownParagraphs(paper.summary.text),
      "",
      "</details>",
    );
  }
  return lines.join("\n");
}

/**
 * Renders the Markdown digest in the reference system's README shape: a Statistics block (Last
 * Updated, Total Papers Found, Categories Monitored), "Recent Papers" (per paper: linked title,
 * Authors, Category, Published, Score, Type, ArXiv ID, the abstract cut at
 * `DIGEST_ABSTRACT_CHARS` with "...", and a collapsible AI summary when there is one), then the
 * configured keywords.
 */
export function renderDigest(input: DigestInput): string {
  const { title, categories, keywords, papers } = xmlTextDeep({
    title: input.title,
    categories: input.categories,
    keywords: input.keywords,
    papers: input.papers,
  });
  const shown = papers.slice(0, Math.max(0, input.limit ?? papers.length));
  const sections = [
    `# ${markdownText(title)}`,
    [
      "## Statistics",
      "",
      `- **Last Updated**: ${utcStamp(input.updated)}`,
      `- **Total Papers Found**: ${papers.length}`,
      `- **Categories Monitored**: ${markdownText(categories.join(", "))}`,
    ].join("\n"),
    "## Recent Papers",
    shown.length
      ? shown.map((paper, index) => paperSection(paper, index + 1)).join("\n\n---\n\n")
      : "No papers yet.",
    [
      "## Keywords",
      "",
      ...(keywords.length ? keywords.map((keyword) => `- ${markdownText(keyword)}`) : ["None."]),
    ].join("\n"),
  ];
  return `${sections.join("\n\n")}\n`;
}
