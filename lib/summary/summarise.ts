import pLimit from "p-limit";
import type { RequestGate } from "../arxiv/request-gate.js";
import { now as clockNow } from "../clock.js";
import type { AiSummaryConfig } from "../config/schema.js";
import type { LlmSettings } from "../config/settings.js";
import type { Paper } from "../model/paper.js";
import { type Summary, SummarySchema } from "../model/summary.js";
import { getEach } from "../store/get-each.js";
import { usageKey } from "../store/keys.js";
import { type Store, StoreDataError } from "../store/types.js";
import { summaryResponseFormat } from "./answer-schema.js";
import { summaryCacheKey, summarySettingsId } from "./cache-key.js";
import { createCallBudget } from "./call-budget.js";
import type { PaperTextOptions } from "./html-source.js";
import { createLlmClient, type LlmClient } from "./llm-client.js";
import { resolvePrompt } from "./prompt.js";
import { redactSecrets } from "./redact.js";
import { emptyUsage, type SummariseUsage } from "./run-usage.js";
import {
  type DueItem,
  messageOf,
  type PaperStep,
  type SummariseTally,
  summarisePaper,
} from "./summarise-paper.js";
import { createDailyUsageMeter, dailyUsageFrom, estimateCostUsd, utcDate } from "./usage.js";

/** Default lifetime of a stored summary (config `summary_ttl_days`), seconds. */
const DEFAULT_SUMMARY_TTL_SECONDS = 90 * 86_400;

/** What `summarisePapers` works on and with. */
export interface SummariseOptions {
  /** Candidates, best first; duplicates (same id) are ignored after the first. */
  papers: readonly Paper[];
  store: Store;
  llm: LlmSettings;
  ai: AiSummaryConfig;
  /** Text of `prompt_file`; replaces the built-in instructions. */
  customPrompt?: string | undefined;
  /** Machine-clock epoch ms (`machineNow`): no call, first try or retry, starts after this. */
  deadline: number;
  /** Lifetime of a stored summary, seconds (config `summary_ttl_days` × 86 400). Default 90 days. */
  ttlSeconds?: number;
  /** Calendar clock for the usage day and `createdAt`, epoch ms (default `now()`). */
  now?: () => number;
  /** One line per summary and a total; never contains a secret. */
  log?: (line: string) => void;
  /** Origin for arXiv HTML versions instead of the papers' own links (tests, mirrors). */
  htmlBaseUrl?: string;
  /** Spacing of the HTML requests (`source: html`): the refresh passes arXiv's interval. */
  htmlGate?: RequestGate;
  /** User-Agent of the HTML requests (default: the project's). */
  userAgent?: string;
  /** A client to reuse (keeps what it learnt about JSON mode); by default one is made from `llm` and `ai`. */
  client?: LlmClient;
}

/** What `summarisePapers` returns; it never throws for a failed call or a bad answer. */
export interface SummariseResult {
  /** By paper id (without version), for every candidate that has a summary, stored or new. */
  summaries: Map<string, Summary>;
  usage: SummariseUsage;
  /** One per failed paper (or store problem, id `*`); messages hold no secrets. */
  errors: { id: string; message: string }[];
}

function uniqueById<P extends Paper>(papers: readonly P[]): P[] {
  const seen = new Set<string>();
  return papers.filter((paper) => !seen.has(paper.id) && seen.add(paper.id) !== undefined);
}

function storedSummary(value: unknown): Summary | undefined {
  const parsed = SummarySchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** What a run settles before reading the store: its candidates, their keys, today, the prompt. */
function planRun(options: SummariseOptions) {
  const { llm, ai } = options;
  const now = options.now ?? clockNow;
  const prompt = resolvePrompt(ai, options.customPrompt);
  const candidates = uniqueById(options.papers);
  return {
    now,
    log: options.log ?? (() => {}),
    clean: (message: string) => redactSecrets(message, [llm.apiKey]),
    prompt,
    candidates,
    keys: candidates.map((p) => summaryCacheKey(p, llm.model, prompt.hash, prompt.language)),
    settingsId: summarySettingsId(llm.model, prompt),
    today: utcDate(now()),
  };
}
type RunPlan = ReturnType<typeof planRun>;

/**
 * The stored summaries of the candidates, then today's usage record, in one read; an unreadable
 * value counts as absent (it is rewritten, not a reason to stop). Throws when the store does.
 */
async function readStored(store: Store, plan: RunPlan): Promise<unknown[]> {
  const values = await getEach(store, [...plan.keys, usageKey(plan.today)]);
  return values.map((value) => {
    if (!(value instanceof StoreDataError)) return value;
    plan.log(`[summary] ${value.message}; it will be rewritten`);
    return null;
  });
}

/** Without knowing what is stored, summarising would pay again for every paper: the next run does it. */
function storeUnavailable(plan: RunPlan, ai: AiSummaryConfig, error: unknown): SummariseResult {
  const message = plan.clean(`store unavailable: ${messageOf(error)}`);
  plan.log(`[summary] ${message}`);
  const usage = { ...emptyUsage(), pending: Math.min(plan.candidates.length, ai.max_papers_to_summarize) };
  return { summaries: new Map(), usage, errors: [{ id: "*", message }] };
}

/** Counts the candidates found in the store into `tally` and returns the others, best first. */
function takeStored(plan: RunPlan, stored: readonly unknown[], tally: SummariseTally): DueItem[] {
  const due: DueItem[] = [];
  plan.candidates.forEach((paper, i) => {
    const summary = storedSummary(stored[i]);
    if (summary) {
      // Found under this run's key, so written under this run's settings (older ones lack the stamp).
      tally.summaries.set(paper.id, { ...summary, settingsId: plan.settingsId });
      tally.usage.cached++;
    } else due.push({ paper, key: plan.keys[i] as string });
  });
  return due;
}

function clientFor(llm: LlmSettings, ai: AiSummaryConfig): LlmClient {
  return createLlmClient({
    apiKey: llm.apiKey,
    baseUrl: llm.baseUrl,
    model: llm.model,
    temperature: ai.temperature,
    timeoutMs: ai.timeout_seconds * 1000,
    maxRetries: ai.max_retries,
    responseSchema: summaryResponseFormat(),
  });
}

function paperTextOptions(options: SummariseOptions): PaperTextOptions {
  const { ai } = options;
  return {
    source: ai.source,
    maxChars: ai.max_input_tokens * 4,
    timeoutMs: ai.timeout_seconds * 1000,
    ...(options.htmlBaseUrl ? { htmlBaseUrl: options.htmlBaseUrl } : {}),
    ...(options.htmlGate ? { gate: options.htmlGate } : {}),
    ...(options.userAgent ? { userAgent: options.userAgent } : {}),
  };
}

/** What every paper's step shares: the store, the client, the daily meter, the budget, the tally. */
function paperStep(
  options: SummariseOptions,
  plan: RunPlan,
  stored: readonly unknown[],
  tally: SummariseTally,
): PaperStep {
  const { store, llm, ai } = options;
  const meter = createDailyUsageMeter({
    store,
    initial: dailyUsageFrom(stored[plan.keys.length], plan.today),
    prices: ai,
    onError: (error) => plan.log(plan.clean(`[summary] usage record not written: ${String(error)}`)),
  });
  const budget = createCallBudget({
    deadline: options.deadline,
    dailyTokenCap: ai.daily_token_cap,
    todayTokens: meter.tokens,
  });
  return {
    store,
    client: options.client ?? clientFor(llm, ai),
    meter,
    budget,
    prompt: plan.prompt,
    model: llm.model,
    settingsId: plan.settingsId,
    deadline: options.deadline,
    text: paperTextOptions(options),
    ttlSeconds: options.ttlSeconds ?? DEFAULT_SUMMARY_TTL_SECONDS,
    now: plan.now,
    log: plan.log,
    clean: plan.clean,
    tally,
  };
}

/**
 * Summarises `work`, `max_workers` at a time. With a token cap the first call runs alone: its
 * real cost is what the others' estimates start from.
 */
async function summariseAll(step: PaperStep, work: readonly DueItem[], ai: AiSummaryConfig): Promise<void> {
  let firstCall: Promise<void> | undefined;
  const one = async (item: DueItem): Promise<void> => {
    if (ai.daily_token_cap <= 0) return summarisePaper(step, item);
    if (firstCall) {
      await firstCall.catch(() => {});
      return summarisePaper(step, item);
    }
    firstCall = summarisePaper(step, item);
    return firstCall;
  };
  const limit = pLimit(ai.max_workers);
  await Promise.all(work.map((item) => limit(() => one(item))));
}

function logTotals(step: PaperStep, ai: AiSummaryConfig): void {
  const { usage } = step.tally;
  step.log(
    `[summary] ${usage.summarised} new, ${usage.cached} cached, ${usage.failed} failed, ${usage.pending} pending` +
      `${usage.skippedReason ? ` (${usage.skippedReason})` : ""}; ${usage.calls} request(s), ` +
      `${usage.promptTokens}+${usage.completionTokens} tokens, ~$${usage.estimatedCostUsd}` +
      (ai.daily_token_cap > 0 ? `; today ${step.meter.tokens()}/${ai.daily_token_cap} tokens` : ""),
  );
}

/**
 * Gives the best candidates a summary. Stored summaries (and today's token count) are read with
 * one `getMany`; of the candidates without one, the first `max_papers_to_summarize` are
 * summarised, `max_workers` at a time, each stored as soon as it completes. No call starts
 * after `deadline`, or when today's tokens plus those expected of it and of the calls running
 * would pass `daily_token_cap`; those papers count as pending.
 */
export async function summarisePapers(options: SummariseOptions): Promise<SummariseResult> {
  const { ai } = options;
  const plan = planRun(options);
  let stored: unknown[];
  try {
    stored = await readStored(options.store, plan);
  } catch (error) {
    return storeUnavailable(plan, ai, error);
  }
  const tally: SummariseTally = { summaries: new Map(), usage: emptyUsage(), errors: [] };
  const due = takeStored(plan, stored, tally);
  const step = paperStep(options, plan, stored, tally);
  await summariseAll(step, due.slice(0, ai.max_papers_to_summarize), ai);
  await step.meter.flush();
  tally.usage.estimatedCostUsd = estimateCostUsd(tally.usage, ai);
  logTotals(step, ai);
  return tally;
}
