/*
 * The structure of a bot-style README as a Markdown renderer (marked) sees it: section headings,
 * statistics fields, and per paper its field lines, abstract, `<details>` summary and rule. Used
 * to compare our /digest.md with the README the reference bot published.
 */
import { marked, type Token, type Tokens } from "marked";

/** One paper's block. */
export interface PaperOutline {
  rank: number;
  link: string;
  /** Names of the bold `**Name**: value` field lines, in order. */
  fields: string[];
  /** The field lines are separate lines to a reader: one hard break between each two. */
  hardBreaks: boolean;
  /** The paragraph under `#### Abstract`, as written. */
  abstract: string | undefined;
  summary?: {
    /** The `<summary>` line matches the bot's exactly, model aside. */
    botLabel: boolean;
    model: string | undefined;
    headings: number;
    lists: number;
    /** Lines broken with a trailing backslash (the old digest's labels). */
    backslashBreaks: number;
  };
  /** `---` rules after the paper's heading. */
  rules: number;
}

export interface DigestOutline {
  title: string | undefined;
  /** A paragraph between the title and the first `##` heading. */
  intro: boolean;
  /** `##` headings outside summaries, in order. */
  sections: string[];
  /** Field names of the Statistics list. */
  statistics: string[];
  papers: PaperOutline[];
  /** First list item of the Configuration section. */
  keywordsLine: string | undefined;
  /** The emphasised paragraph after the last rule. */
  footer: string | undefined;
}

const PAPER_HEADING = /^(\d+)\. \[.+\]\((https:\/\/arxiv\.org\/abs\/[^)\s]+)\)$/;
const BOT_SUMMARY = /^<summary><strong>🤖 AI Summary \(by ([^)]+)\)<\/strong> - Click to expand<\/summary>$/m;

/** Reads a digest's structure with marked's lexer (top-level tokens, in order). */
export function digestOutline(markdown: string): DigestOutline {
  const out: DigestOutline = {
    title: undefined,
    intro: false,
    sections: [],
    statistics: [],
    papers: [],
    keywordsLine: undefined,
    footer: undefined,
  };
  let details: PaperOutline["summary"];
  let previous: Token | undefined;
  let afterRule = false;
  for (const token of marked.lexer(markdown)) {
    if (token.type === "space") continue;
    if (details) {
      if (token.type === "html" && token.raw.includes("</details>")) details = undefined;
      else inDetails(details, token);
    } else {
      readTopLevel(out, token, previous, afterRule);
      if (token.type === "html" && token.raw.startsWith("<details>")) details = out.papers.at(-1)?.summary;
    }
    afterRule = token.type === "hr" || (afterRule && token.type === "paragraph");
    previous = token;
  }
  return out;
}

function inDetails(summary: NonNullable<PaperOutline["summary"]>, token: Token): void {
  if (token.type === "heading") summary.headings++;
  if (token.type === "list") summary.lists++;
  if ((token.type === "paragraph" || token.type === "list") && /\\$/m.test(token.raw))
    summary.backslashBreaks++;
}

function readTopLevel(
  out: DigestOutline,
  token: Token,
  previous: Token | undefined,
  afterRule: boolean,
): void {
  const paper = out.papers[out.papers.length - 1];
  const section = out.sections[out.sections.length - 1];
  if (token.type === "heading") {
    readHeading(out, token as Tokens.Heading);
    return;
  }
  if (token.type === "paragraph" && !out.sections.length && out.title !== undefined) out.intro = true;
  const inline = token.type === "paragraph" ? (token as Tokens.Paragraph).tokens : [];
  const only = inline.filter((t) => t.raw.trim());
  if (afterRule && only.length === 1 && only[0]?.type === "em") out.footer = (only[0] as Tokens.Em).text;
  if (token.type === "list" && section?.includes("Statistics")) {
    out.statistics = (token as Tokens.List).items.map((item) => /^\*\*(.+?)\*\*:/.exec(item.text)?.[1] ?? "");
  }
  if (token.type === "list" && section?.includes("Configuration")) {
    out.keywordsLine ??= (token as Tokens.List).items[0]?.text;
  }
  if (!paper || section !== "📚 Recent Papers") return;
  if (token.type === "hr") paper.rules++;
  if (
    token.type === "paragraph" &&
    previous?.type === "heading" &&
    (previous as Tokens.Heading).depth === 3
  ) {
    readFields(paper, token as Tokens.Paragraph);
  }
  if (
    token.type === "paragraph" &&
    previous?.type === "heading" &&
    (previous as Tokens.Heading).text === "Abstract"
  ) {
    paper.abstract = token.text;
  }
  if (token.type === "html" && token.raw.startsWith("<details>")) {
    const label = BOT_SUMMARY.exec(token.raw);
    paper.summary = {
      botLabel: Boolean(label),
      model: label?.[1],
      headings: 0,
      lists: 0,
      backslashBreaks: 0,
    };
  }
}

function readHeading(out: DigestOutline, heading: Tokens.Heading): void {
  if (heading.depth === 1) out.title = heading.text;
  if (heading.depth === 2) out.sections.push(heading.text);
  const paper = heading.depth === 3 ? PAPER_HEADING.exec(heading.text) : null;
  if (paper) {
    out.papers.push({
      rank: Number(paper[1]),
      link: paper[2] ?? "",
      fields: [],
      hardBreaks: false,
      abstract: undefined,
      rules: 0,
    });
  }
}

function readFields(paper: PaperOutline, paragraph: Tokens.Paragraph): void {
  const inline = paragraph.tokens;
  paper.fields = inline.filter((t) => t.type === "strong").map((t) => (t as Tokens.Strong).text);
  paper.hardBreaks = inline.filter((t) => t.type === "br").length === paper.fields.length - 1;
}
