import { machineNow } from "../clock.js";
import type { Paper } from "../model/paper.js";
import type { Summary } from "../model/summary.js";
import type { Store } from "../store/types.js";
import { buildSummary } from "./build-summary.js";
import { type CallBudget, estimateTokens } from "./call-budget.js";
import { loadPaperText, type PaperText, type PaperTextOptions } from "./html-source.js";
import { type Completion, LlmCallError, type LlmClient } from "./llm-client.js";
import { type ParsedSummary, parseCompletion } from "./parse-summary.js";
import { buildMessages, type PromptSpec } from "./prompt.js";
import type { SkipReason, SummariseUsage } from "./run-usage.js";
import type { createDailyUsageMeter } from "./usage.js";

/** A candidate due a summary, and the key its summary is stored under. */
export interface DueItem {
  paper: Paper;
  key: string;
}

/** What a run has so far; the workers add to it as each call ends. */
export interface SummariseTally {
  /** By paper id (without version). */
  summaries: Map<string, Summary>;
  usage: SummariseUsage;
  /** Messages hold no secrets. */
  errors: { id: string; message: string }[];
}

/** What summarising one paper works with: the run's settings, clients, limits and tally. */
export interface PaperStep {
  store: Store;
  client: LlmClient;
  meter: ReturnType<typeof createDailyUsageMeter>;
  budget: CallBudget;
  prompt: PromptSpec;
  model: string;
  settingsId: string;
  /** Machine-clock epoch ms: no retry starts after it. */
  deadline: number;
  text: PaperTextOptions;
  /** Lifetime of a stored summary, seconds. */
  ttlSeconds: number;
  now: () => number;
  log: (line: string) => void;
  /** Removes secrets from a message. */
  clean: (message: string) => string;
  tally: SummariseTally;
}

/** An error's message, or the thrown value as text. */
export const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const labelOf = (paper: Paper) => `${paper.id}v${paper.version}`;

function skip(usage: SummariseUsage, reason: SkipReason): void {
  usage.pending++;
  usage.skippedReason ??= reason;
}

/**
 * Summarises one paper and stores the summary, unless the budget stops it before its text is
 * loaded or before its call; every outcome lands in `step.tally`. Never throws.
 */
export async function summarisePaper(step: PaperStep, item: DueItem): Promise<void> {
  const { usage } = step.tally;
  const before = step.budget.stopReason();
  if (before) return skip(usage, before);
  const started = machineNow();
  const content = await loadPaperText(item.paper, step.text);
  if (content.fallback)
    step.log(`[summary] ${labelOf(item.paper)}: using the abstract (${content.fallback})`);
  // Built once: the estimate and the call's first (JSON) request send the same messages.
  const json = buildMessages(step.prompt, item.paper, content, "json");
  const expected = estimateTokens(usage, json);
  const after = step.budget.stopReason(expected);
  if (after) return skip(usage, after);

  step.budget.reserve(expected);
  try {
    await callAndStore(step, item, { content, json }, started);
  } catch (error) {
    countFailure(step, item.paper, error);
  } finally {
    step.budget.release(expected);
  }
}

/** Asks the LLM, keeps the summary it answers, then stores it. Throws for a failed call or a bad answer. */
async function callAndStore(
  step: PaperStep,
  item: DueItem,
  text: { content: PaperText; json: ReturnType<typeof buildMessages> },
  started: number,
): Promise<void> {
  const { paper } = item;
  const completion = await step.client.complete(
    (format) => (format === "json" ? text.json : buildMessages(step.prompt, paper, text.content, format)),
    { deadline: step.deadline },
  );
  countCompletion(step, completion);
  const parsed = parseCompletion(completion.content);
  if (!parsed)
    throw new Error(`unusable ${completion.format} answer (${completion.content.length} characters)`);
  const summary = summaryOf(step, parsed);
  step.tally.summaries.set(paper.id, summary);
  step.tally.usage.summarised++;
  step.log(
    `[summary] ${labelOf(paper)}: ok (${parsed.format}, ${completion.requests} request(s), ` +
      `${completion.promptTokens}+${completion.completionTokens} tokens, ${machineNow() - started} ms)`,
  );
  await storeSummary(step, item, summary);
}

function countCompletion(step: PaperStep, completion: Completion): void {
  const { usage } = step.tally;
  usage.calls += completion.requests;
  usage.promptTokens += completion.promptTokens;
  usage.completionTokens += completion.completionTokens;
  step.meter.record(completion, completion.requests);
}

function summaryOf(step: PaperStep, parsed: ParsedSummary): Summary {
  const meta = {
    model: step.model,
    language: step.prompt.language,
    createdAt: new Date(step.now()).toISOString(),
  };
  return { ...buildSummary(parsed, step.prompt.headings, meta), settingsId: step.settingsId };
}

async function storeSummary(step: PaperStep, { paper, key }: DueItem, summary: Summary): Promise<void> {
  try {
    await step.store.set(key, summary, { ttlSeconds: step.ttlSeconds });
  } catch (error) {
    // The summary still goes out with this run's feeds; it is redone next run.
    const message = step.clean(`summary not stored: ${messageOf(error)}`);
    step.tally.errors.push({ id: paper.id, message });
    step.log(`[summary] ${labelOf(paper)}: ${message}`);
  }
}

/** A failed call or an unusable answer: its requests still count, and the paper is retried next run. */
function countFailure(step: PaperStep, paper: Paper, error: unknown): void {
  const { usage } = step.tally;
  if (error instanceof LlmCallError) {
    usage.calls += error.requests;
    if (error.requests > 0) step.meter.record({ promptTokens: 0, completionTokens: 0 }, error.requests);
  }
  usage.failed++;
  const message = step.clean(messageOf(error));
  step.tally.errors.push({ id: paper.id, message });
  step.log(`[summary] ${labelOf(paper)}: failed: ${message}`);
}
