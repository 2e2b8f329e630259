import { RequestGate } from "../arxiv/request-gate.js";
import type { Settings } from "../config/settings.js";
import type { LlmUsage } from "../model/refresh-meta.js";
import type { RankedPaper } from "../model/snapshot.js";
import type { Summary } from "../model/summary.js";
import type { Store } from "../store/types.js";
import { summarySettingsId } from "../summary/cache-key.js";
import { resolvePrompt } from "../summary/prompt.js";
import { emptyUsage, refreshUsage } from "../summary/run-usage.js";
import { hasSummaryFor, summaryCandidates, versionKey } from "./summary-candidates.js";

export interface SummariseStepResult {
  /** Summaries by `versionKey`. */
  summaries: Map<string, Summary>;
  usage: LlmUsage | undefined;
  errors: string[];
  /** Today's summary settings (`summarySettingsId`); undefined when summaries are off. */
  settingsId: string | undefined;
}

/**
 * Summarises the best papers of every feed (cached summaries are reused, new ones are stored as
 * they complete). A summary the feeds carry counts only if today's settings (model, prompt,
 * language, source) wrote it; otherwise the store is asked for today's, then the LLM. Off without
 * an LLM key. Never throws: a failed summary leaves the paper without one.
 */
export async function summariseStep(
  settings: Settings,
  store: Store,
  feeds: Iterable<readonly RankedPaper[]>,
  deadline: number,
  log: (line: string) => void,
): Promise<SummariseStepResult> {
  const { llm, config } = settings;
  if (!llm) return { summaries: new Map(), usage: undefined, errors: [], settingsId: undefined };
  const settingsId = summarySettingsId(llm.model, resolvePrompt(config.ai_summary, settings.customPrompt));
  // Top N first, then drop those already carrying a summary: a re-run must not reach further down.
  const { max_papers_to_summarize: perDay, per_feed: perFeed } = config.ai_summary;
  const top = summaryCandidates(feeds, perDay, perFeed);
  const candidates = top.filter((p) => !hasSummaryFor(p, settingsId));
  // Summaries the feeds already carry count as cached, so a re-run reports "0 calls, 15 cached".
  const carried = top.length - candidates.length;
  if (candidates.length === 0) {
    return {
      summaries: new Map(),
      usage: refreshUsage(llm.model, emptyUsage(), carried),
      errors: [],
      settingsId,
    };
  }
  // Loaded only when there is something to summarise: the LLM client and the HTML sanitiser are
  // most of a summary-less refresh's start-up otherwise.
  const { summarisePapers } = await import("../summary/summarise.js");
  const result = await summarisePapers({
    papers: candidates,
    store,
    llm,
    ai: config.ai_summary,
    customPrompt: settings.customPrompt,
    ttlSeconds: config.summary_ttl_days * 86_400,
    deadline,
    log,
    // arxiv.org/html pages are arXiv's servers too: spaced like the feed requests.
    htmlGate: new RequestGate(settings.env.ARXIV_MIN_INTERVAL_MS),
    userAgent: settings.userAgent,
  });
  const summaries = new Map<string, Summary>();
  for (const paper of candidates) {
    const summary = result.summaries.get(paper.id);
    if (summary) summaries.set(versionKey(paper), summary);
  }
  const usage = refreshUsage(llm.model, result.usage, carried);
  return { summaries, usage, errors: result.errors.map((e) => `${e.id}: ${e.message}`), settingsId };
}
