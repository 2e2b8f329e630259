import { z } from "zod";
import type { SummarySectionKey } from "../model/summary.js";
import { SECTION_KEYS } from "./prompt.js";
import { trimEndOf } from "./trim-end.js";

/** A completion split into its parts; all text is still the model's (untrusted) Markdown. */
export interface ParsedSummary {
  /** Which parser understood it. */
  format: "json" | "markdown";
  tldr: string;
  /** Non-empty sections in reading order, each key at most once. */
  sections: { key: SummarySectionKey; markdown: string }[];
  /** The whole answer when no section could be told apart (then `sections` is empty). */
  body?: string;
}

type PartKey = SummarySectionKey | "tldr";

/** Field names models use for each part, lower-cased with non-letters removed. */
const JSON_ALIASES: Record<PartKey, readonly string[]> = {
  tldr: ["tldr", "summary", "onesentence", "onesentencesummary", "tldrsummary"],
  problem: ["problem", "problemandcontribution", "contribution", "contributions", "novelty", "motivation"],
  method: ["method", "methods", "methodandsetup", "setup", "approach", "methodology"],
  results: ["results", "keyresults", "result", "findings", "mainresults"],
  limitations: ["limitations", "limitation", "conclusions", "conclusion", "limitationsandfuturework"],
};

const scalar = z.union([z.string(), z.number()]);
/** A part's value: a string, or a list the model chose to give instead (becomes bullet points). */
const JsonFieldSchema = z.union([
  scalar.transform((v) => String(v).trim()),
  z.array(scalar).transform((items) => items.map((item) => `- ${String(item).trim()}`).join("\n")),
]);
const JsonObjectSchema = z.record(z.string(), z.unknown());

const normaliseKey = (key: string) => key.toLowerCase().replace(/[^a-z]/g, "");

/** The JSON object in a completion: bare, or inside a code fence or surrounding prose. */
function extractJsonObject(content: string): Record<string, unknown> | undefined {
  const start = content.indexOf("{");
  const end = content.lastIndexOf("}");
  if (start < 0 || end <= start) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(content.slice(start, end + 1));
  } catch {
    return undefined;
  }
  const parsed = JsonObjectSchema.safeParse(value);
  if (!parsed.success) return undefined;
  // `{"summary": {...}}`: one wrapping object.
  const entries = Object.values(parsed.data);
  const only = entries.length === 1 ? JsonObjectSchema.safeParse(entries[0]) : undefined;
  return only?.success ? only.data : parsed.data;
}

function fromJson(object: Record<string, unknown>): ParsedSummary | undefined {
  const byKey = new Map<string, unknown>();
  for (const [key, value] of Object.entries(object)) byKey.set(normaliseKey(key), value);
  const field = (part: PartKey): string => {
    for (const alias of JSON_ALIASES[part]) {
      const parsed = JsonFieldSchema.safeParse(byKey.get(alias));
      if (parsed.success && parsed.data) return parsed.data;
    }
    return "";
  };
  const sections = SECTION_KEYS.map((key) => ({ key, markdown: field(key) })).filter((s) => s.markdown);
  let tldr = field("tldr");
  if (!tldr && !sections.length) return undefined;
  if (!tldr) tldr = firstSentence(sections[0]?.markdown ?? "");
  return { format: "json", tldr, sections };
}

/** Heading keywords, tried in this order (English and Chinese). */
const HEADING_RULES: readonly [PartKey, RegExp][] = [
  ["tldr", /tl\s*;?\s*dr|one[- ]sentence|一句话|太长不看/i],
  ["problem", /problem|contribution|novelty|motivation|overview|background|问题|贡献|创新|动机/i],
  ["method", /method|approach|setup|set-up|design|technique|方法|设置|思路/i],
  ["results", /result|finding|evaluation|performance|experiment|结果|发现|性能|实验/i],
  ["limitations", /limitation|conclusion|future|weakness|caveat|局限|结论|不足|未来/i],
];

function classify(heading: string): PartKey | undefined {
  return HEADING_RULES.find(([, rule]) => rule.test(heading))?.[0];
}

/** Longest line read as a heading or label: a longer one is prose (and no regex sees all of it). */
const MAX_HEADING_LINE = 200;

/** `## Heading ##` (ATX): the title, else undefined. `text` is trimmed. */
function atxTitle(text: string): string | undefined {
  const open = /^#{1,6}\s+/.exec(text);
  if (!open) return undefined;
  const rest = text.slice(open[0].length);
  return trimEndOf(rest, "#").trimEnd() || rest.charAt(0);
}

/** A whole line in bold: `**Heading**`, `__Heading:__`, `1. **Heading**:`. `text` is trimmed. */
function boldTitle(text: string): string | undefined {
  const body = text.slice(/^\d+[.)]\s*/.exec(text)?.[0].length ?? 0);
  const last = body.charAt(body.length - 1);
  const closed = last === ":" || last === "：" ? body.slice(0, -1).trimEnd() : body;
  const marks = (s: string) => s === "**" || s === "__";
  if (closed.length < 5 || !marks(body.slice(0, 2)) || !marks(closed.slice(-2))) return undefined;
  return closed.slice(2, -2);
}

/**
 * The title of a heading line (`## Heading`, or a whole line in bold), else undefined. Written
 * as code: the regex it replaces backtracked cubically on a line of spaces between two words.
 */
function headingTitle(line: string): string | undefined {
  if (line.length > MAX_HEADING_LINE) return undefined;
  const text = line.trim();
  if (line.length - line.trimStart().length > 3 || !text) return undefined;
  return atxTitle(text) ?? boldTitle(text);
}

/**
 * `**Label:** text`, `Label: text`: a section start only when the label is a known heading. Run
 * on a line's first MAX_HEADING_LINE characters (the label is at most 60); the text is `dotAll`
 * so the last group never backtracks.
 */
const LABEL_LINE =
  /^\s*(?:\d+[.)]\s*)?(?:\*\*|__)?(?![-+>\s])([^*_:：\n]{2,60}?)(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?\s*(.*)$/s;

/** A label line's label and text, else undefined. */
function labelOf(line: string): { label: string; text: string } | undefined {
  const head = line.slice(0, MAX_HEADING_LINE);
  if (!head.includes(":") && !head.includes("：")) return undefined;
  const match = LABEL_LINE.exec(head);
  if (!match?.[1]) return undefined;
  return { label: match[1], text: (match[2] ?? "") + line.slice(head.length) };
}

interface Block {
  heading: string | undefined;
  lines: string[];
}

function splitBlocks(markdown: string): Block[] {
  const blocks: Block[] = [{ heading: undefined, lines: [] }];
  let inFence = false;
  for (const line of markdown.split(/\r?\n/)) {
    const current = blocks[blocks.length - 1] as Block;
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence) {
      current.lines.push(line);
      continue;
    }
    const title = headingTitle(line);
    if (title) {
      blocks.push({ heading: trimEndOf(title, "*_:：").trim(), lines: [] });
      continue;
    }
    const label = labelOf(line);
    if (label && classify(label.label)) {
      blocks.push({ heading: label.label.trim(), lines: label.text ? [label.text] : [] });
      continue;
    }
    current.lines.push(line);
  }
  return blocks;
}

/** First sentence of Markdown text, without line markers and bold/code marks; at most 300 characters. */
export function firstSentence(markdown: string): string {
  const text = markdown
    // [ \t], not \s: a `^\s*` can run across lines, quadratic on a run of blank lines.
    .replace(/^[ \t]*(?:[-*+>]|#{1,6}|\d+[.)])[ \t]+/gm, "")
    .replace(/\*\*|__|`/g, "")
    .replace(/\s+/g, " ")
    .trim();
  const match = /^.+?(?:[.!?](?=\s|$)|[。！？])/.exec(text);
  const sentence = (match?.[0] ?? text).trim();
  return sentence.length > 300 ? `${sentence.slice(0, 299).trimEnd()}…` : sentence;
}

function fromMarkdown(markdown: string): ParsedSummary | undefined {
  const blocks = splitBlocks(markdown);
  const text = (block: Block) => block.lines.join("\n").trim();
  const preamble = blocks[0] ? text(blocks[0]) : "";
  const headed = blocks.slice(1);
  if (!headed.length) {
    if (!preamble) return undefined;
    return { format: "markdown", tldr: firstSentence(preamble), sections: [], body: preamble };
  }

  let tldr = "";
  const parts = new Map<SummarySectionKey, string[]>();
  let last: SummarySectionKey | undefined;
  for (const block of headed) {
    const body = text(block);
    let key = classify(block.heading ?? "");
    if (key === "tldr") {
      tldr ||= body;
      continue;
    }
    if (!body) continue;
    // An unrecognised heading takes the next section not yet written (heading order).
    key ??= SECTION_KEYS.find((k) => !parts.has(k)) ?? last;
    if (!key) continue;
    const list = parts.get(key) ?? [];
    list.push(body);
    parts.set(key, list);
    last = key;
  }
  const sections = SECTION_KEYS.filter((key) => parts.has(key)).map((key) => ({
    key,
    markdown: (parts.get(key) ?? []).join("\n\n"),
  }));
  tldr = firstSentence(tldr || preamble || sections[0]?.markdown || "");
  if (!tldr && !sections.length) return undefined;
  return { format: "markdown", tldr, sections };
}

/**
 * Splits a completion into TL;DR and sections. JSON (bare, fenced or wrapped in prose) is
 * validated field by field; anything else is read as Markdown, sections recognised by heading
 * keywords (English or Chinese) and otherwise by heading order. Returns undefined for an answer
 * with nothing usable (empty, or JSON without any known field).
 */
export function parseCompletion(content: string): ParsedSummary | undefined {
  const trimmed = content.trim();
  if (!trimmed) return undefined;
  const unfenced = trimmed.replace(/^```[a-zA-Z]*[ \t]*\n([\s\S]*?)\n?```$/, "$1").trim();
  if (unfenced.startsWith("{")) {
    const object = extractJsonObject(unfenced);
    return object ? fromJson(object) : undefined;
  }
  const object = extractJsonObject(unfenced);
  const json = object ? fromJson(object) : undefined;
  return json ?? fromMarkdown(unfenced);
}
