import { VOTE_LABELS } from "../feedback/vote.js";
import type { CloseTo, RankedPaper } from "../model/snapshot.js";
import type { Summary } from "../model/summary.js";
import { type DigestConfig, digestTrailer } from "./digest-trailer.js";
import type { VoteLinkPair } from "./feed-view.js";
import { closeToLead, similarityText } from "./item-summary.js";
import { markdownBlocks, markdownText, markdownUrl } from "./markdown.js";
import { readableTex, texText } from "./tex-text.js";
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
  /** Shown as "Categories Monitored": the feed's own categories. */
  categories: string[];
  /** The configuration the trailer reports (keywords, categories, limits). */
  config: DigestConfig;
  /** Ranked papers, best first; all count in "Total Papers Found". */
  papers: RankedPaper[];
  /** How many papers to list; all when omitted. */
  limit?: number;
  /** A feedback profile's signed vote links for a paper (by arXiv id), as `FeedView.voteLinks`; none in other digests. */
  voteLinks?: (paperId: string) => VoteLinkPair | undefined;
  /** A line the reader must see before the papers (a profile's votes not used yet), quoted under the statistics. */
  notice?: string;
}

/** `2026-01-29 06:15:08 UTC`, the reference's "Last Updated" format. */
function utcStamp(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** `**Name**: value` lines joined by Markdown hard breaks (two trailing spaces), as the bot writes them. */
function fieldLines(fields: [string, string][]): string {
  return fields.map(([name, value]) => `**${name}**: ${value}  `).join("\n");
}

/** `[Title of the liked paper](https://arxiv.org/abs/<id>) (similarity 0.42)`. */
function closeToMarkdown(closeTo: CloseTo): string {
  const link = markdownUrl(`https://arxiv.org/abs/${closeTo.id}`);
  return `[${markdownText(texText(closeTo.title))}](${link}) (similarity ${similarityText(closeTo.similarity)})`;
}

function paperFields(paper: RankedPaper): string {
  const fields: [string, string][] = [
    ["Authors", markdownText(paper.authors.join(", "))],
    ["Category", markdownText(paper.primaryCategory)],
    ["Published", markdownText(paper.announced)],
    ["Score", paper.score.toFixed(1)],
    ["Type", markdownText(paper.announceType)],
    ["ArXiv ID", markdownText(`${paper.id}v${paper.version}`)],
  ];
  // Ours, after the bot's six, so a script reading those finds them where it always did.
  const matched = paper.matches.map((match) => match.keyword);
  if (matched.length) fields.push(["Matched Keywords", markdownText(matched.join(", "))]);
  if (paper.closeTo) fields.push([closeToField(paper.closeTo), closeToMarkdown(paper.closeTo)]);
  return fieldLines(fields);
}

/** The explanation's field name: `Close to`, or `You liked a similar paper` (the feeds' wording, capitalised). */
function closeToField(closeTo: CloseTo): string {
  const lead = closeToLead(closeTo);
  return lead.charAt(0).toUpperCase() + lead.slice(1);
}

/** `[More like this](…) | [Less like this](…)`: the item's signed vote links, as the feeds' items end. */
function voteLinksMarkdown(votes: VoteLinkPair): string {
  const link = (label: string, url: string) => `[${label}](${markdownUrl(url)})`;
  return `${link(VOTE_LABELS.like.button, votes.like)} | ${link(VOTE_LABELS.dislike.button, votes.dislike)}`;
}

/** The summary as Markdown headings and lists: the TL;DR, then each section under its heading. */
function summaryBody(summary: Summary): string {
  if (!summary.sections.length) return markdownBlocks(summary.text);
  const parts = summary.tldr ? [`##### TL;DR\n\n${markdownBlocks(summary.tldr)}`] : [];
  for (const section of summary.sections) {
    parts.push(`##### ${markdownText(section.heading)}\n\n${markdownBlocks(section.text)}`);
  }
  return parts.join("\n\n");
}

function summaryBlock(summary: Summary): string {
  return [
    "<details>",
    `<summary><strong>🤖 AI Summary (by ${escapeXml(summary.model)})</strong> - Click to expand</summary>`,
    "",
    summaryBody(summary),
    "",
    "</details>",
  ].join("\n");
}

function paperSection(paper: RankedPaper, rank: number, votes: VoteLinkPair | undefined): string {
  const parts = [
    `### ${rank}. [${markdownText(paper.title)}](${markdownUrl(paperUrls(paper).abs)})`,
    paperFields(paper),
    `#### Abstract\n${markdownText(truncate(paper.abstract.trim(), DIGEST_ABSTRACT_CHARS))}`,
  ];
  if (paper.summary) parts.push(summaryBlock(paper.summary));
  if (votes) parts.push(voteLinksMarkdown(votes));
  parts.push("---");
  return parts.join("\n\n");
}

function statistics(updated: Date, total: number, categories: string[]): string {
  return [
    "## 📊 Statistics",
    "",
    `- **Last Updated**: ${utcStamp(updated)}`,
    `- **Total Papers Found**: ${total}`,
    `- **Categories Monitored**: ${markdownText(categories.join(", "))}`,
  ].join("\n");
}

const INTRO =
  "Papers from arXiv's daily announcements that match the configured keywords, ranked by score, the best with an AI summary. The same papers are served as RSS, Atom and JSON Feed.";

/**
 * Renders the Markdown digest in the reference bot's README shape, paper for paper: title and
 * intro; `## 📊 Statistics` (Last Updated, Total Papers Found, Categories Monitored);
 * `## 📚 Recent Papers`, each paper a `### N. [Title](abs)` heading, its fields one per line
 * (hard breaks), `#### Abstract` cut at `DIGEST_ABSTRACT_CHARS` with "...", a collapsible AI
 * summary when there is one, in a feedback profile's digest its vote links, and `---`; then
 * configuration, schedule and a footer.
 */
export function renderDigest(input: DigestInput): string {
  const { title, categories, config, papers } = xmlTextDeep({
    title: input.title,
    categories: input.categories,
    config: input.config,
    papers: input.papers.map(readableTex),
  });
  const shown = papers.slice(0, Math.max(0, input.limit ?? papers.length));
  const sections = [
    `# ${markdownText(title)}`,
    INTRO,
    statistics(input.updated, papers.length, categories),
    ...(input.notice ? [`> ${markdownText(input.notice)}`] : []),
    "## 📚 Recent Papers",
    ...(shown.length
      ? shown.map((paper, index) => paperSection(paper, index + 1, input.voteLinks?.(paper.id)))
      : ["No papers yet."]),
    digestTrailer(config),
  ];
  return `${sections.join("\n\n")}\n`;
}
