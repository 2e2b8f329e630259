import { z } from "zod";
import type { SummarySectionKey } from "../model/summary.js";
import { SECTION_KEYS } from "./prompt.js";

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

/** `## Heading`, or a whole line in bold (`**Heading**`, `1. **Heading:**`). */
const HEADING_LINE =
  /^\s{0,3}(?:#{1,6}\s+(.+?)\s*#*|(?:\d+[.)]\s*)?(?:\*\*|__)(.+?)(?:\*\*|__)\s*[:：]?)\s*$/;
/** `**Label:** text`, `Label: text`: a section start only when the label is a known heading. */
const LABEL_LINE =
  /^\s*(?:\d+[.)]\s*)?(?:\*\*|__)?(?![-+>\s])([^*_:：\n]{2,60}?)(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?\s*(.*)$/;

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
    const heading = HEADING_LINE.exec(line);
    const title = heading?.[1] ?? heading?.[2];
    if (title) {
      blocks.push({ heading: title.replace(/[*_:：]+$/g, "").trim(), lines: [] });
      continue;
    }
    const label = LABEL_LINE.exec(line);
    if (label?.[1] && classify(label[1])) {
      blocks.push({ heading: label[1].trim(), lines: label[2] ? [label[2]] : [] });
      continue;
    }
    current.lines.push(line);
  }
  return blocks;
}

/** First sentence of Markdown text, without line markers and bold/code marks; at most 300 characters. */
export function firstSentence(markdown: string): string {
  const text = markdown
    .replace(/^\s*(?:[-*+>]|#{1,6}|\d+[.)])\s+/gm, "")
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
  const unfenced = trimmed.replace(/^```[a-zA-Z]*\s*\n([\s\S]*?)\n?```$/, "$1").trim();
  if (unfenced.startsWith("{")) {
    const object = extractJsonObject(unfenced);
    return object ? fromJson(object) : undefined;
  }
  const object = extractJsonObject(unfenced);
  const json = object ? fromJson(object) : undefined;
  return json ?? fromMarkdown(unfenced);
}
