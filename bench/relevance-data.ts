/**
 * The labelled real papers `bench/relevance.ts` builds its topic tasks from, and the full-size
 * week it times. Labels are arXiv primary categories, given by the authors at submission: no
 * one here chose them, and nothing in the ranking was tuned on them.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { parseArxivFeed } from "../lib/arxiv/parse.js";
import type { Paper } from "../lib/model/paper.js";
import { fixturePath } from "../tests/helpers/fixtures.js";
import { COMBINED_FIXTURE } from "./parse-rank.js";
import { shiftedDay, WEEK_DAYS } from "./store-commands.js";

/** A paper with the label its topic tasks use. */
export interface LabelledPaper {
  paper: Paper;
  label: string;
}

/** Characters of abstract every labelled paper keeps: the reference file has only the first 300. */
export const ABSTRACT_CHARS = 300;

/**
 * One labelled paper of a JSON file in the shape of `reference-papers.json` (so a larger set can
 * be measured with `--papers FILE`): `abstract` (full) or `abstractPrefix`, `arxivId` or `link`.
 */
const LabelledRecordSchema = z.object({
  title: z.string(),
  category: z.string(),
  abstract: z.string().optional(),
  abstractPrefix: z.string().optional(),
  arxivId: z.string().optional(),
  link: z.string().optional(),
  /** Comma-separated, as the reference file has them. */
  authors: z.string().optional(),
  published: z.string().optional(),
});
type LabelledRecord = z.infer<typeof LabelledRecordSchema>;

const idOf = (record: LabelledRecord) =>
  (record.arxivId ?? record.link?.replace(/^.*\/abs\//, "") ?? record.title).replace(/v\d+$/, "");

function paperOf(record: LabelledRecord): Paper {
  const id = idOf(record);
  const abstract = (record.abstract ?? record.abstractPrefix ?? "").replace(/\.\.\.$/, "");
  return {
    id,
    version: 1,
    title: record.title,
    authors: (record.authors ?? "")
      .split(",")
      .map((name) => name.trim())
      .filter(Boolean),
    abstract,
    announceType: "new",
    categories: [record.category],
    primaryCategory: record.category,
    announced: /^\d{4}-\d{2}-\d{2}$/.test(record.published ?? "")
      ? (record.published as string)
      : "2026-01-29",
    links: {
      abs: `https://arxiv.org/abs/${id}`,
      pdf: `https://arxiv.org/pdf/${id}`,
      html: `https://arxiv.org/html/${id}`,
    },
  };
}

/** Papers of a `reference-papers.json`-shaped file, labelled by their category. */
export function readLabelledFile(file: string, clip?: number): LabelledPaper[] {
  const records = z.array(LabelledRecordSchema).parse(JSON.parse(readFileSync(file, "utf8")));
  return records.map((record) => {
    const paper = paperOf(record);
    return {
      paper: clip ? { ...paper, abstract: paper.abstract.slice(0, clip) } : paper,
      label: record.category,
    };
  });
}

/**
 * The recorded real feeds whose items keep their real abstracts (the RDF export's were edited):
 * the API query, the old-format API record and the four RSS recordings.
 */
export const REAL_FEEDS = [
  "api-query-cs.LG-OR-cs.AI-20.xml",
  "api-old-format-1601.00001.xml",
  "rss-cs.AI-2026-04-27.xml",
  "rss-cs.CL-2026-04-27.xml",
  "rss-cs.LG-2026-04-27.xml",
  "rss-combined-cross-replace-2026-09-24.xml",
];

/** The real records, labelled by primary category, abstracts cut like the reference file's. */
function realRecords(): LabelledPaper[] {
  return REAL_FEEDS.flatMap((file) => {
    const outcome = parseArxivFeed(readFileSync(fixturePath("arxiv", "real", file), "utf8"));
    if (!outcome.ok) throw outcome.error;
    return outcome.feed.papers.map((paper) => ({
      paper: { ...paper, abstract: paper.abstract.slice(0, ABSTRACT_CHARS) },
      label: paper.primaryCategory,
    }));
  });
}

/** Keeps the first paper of each id (the reference file lists a paper again when it ranked on two days). */
function uniqueById(papers: readonly LabelledPaper[]): LabelledPaper[] {
  const seen = new Set<string>();
  return papers.filter(({ paper }) => !seen.has(paper.id) && seen.add(paper.id) !== undefined);
}

/** The fixtures' labelled papers (149 reference papers and 34 recorded real ones, one per id), or those of `file`. */
export function labelledPapers(file?: string): LabelledPaper[] {
  if (file) return uniqueById(readLabelledFile(file));
  const reference = readLabelledFile(fixturePath("arxiv", "reference-papers.json"), ABSTRACT_CHARS);
  return uniqueById([...reference, ...realRecords()]);
}

/** The hand-assigned topics of the fixtures' labelled papers (see its `about`). */
export const FIXTURE_TOPICS = resolve(dirname(fileURLToPath(import.meta.url)), "relevance-topics.json");

const TopicFileSchema = z.object({ labels: z.record(z.string(), z.string()) });

/** Topics that are no topic: their papers stay in the pool but are no task. */
export const NO_TASK = new Set(["other", "unlabelled"]);

/** The same papers labelled by the topics of `file` (`unlabelled` where it has none). */
export function withTopics(papers: readonly LabelledPaper[], file: string): LabelledPaper[] {
  const { labels } = TopicFileSchema.parse(JSON.parse(readFileSync(file, "utf8")));
  return papers.map(({ paper }) => ({ paper, label: labels[paper.id] ?? "unlabelled" }));
}

/** A full week: the full-size fixture day as five days' pools, each with its own ids and titles. */
export function fullWeek(): Paper[][] {
  const xml = readFileSync(COMBINED_FIXTURE, "utf8");
  return WEEK_DAYS.map(([date, prefix]) => {
    const outcome = parseArxivFeed(shiftedDay(xml, date, prefix));
    if (!outcome.ok) throw outcome.error;
    return outcome.feed.papers;
  });
}
