import pLimit from "p-limit";
import type { RequestGate } from "../arxiv/request-gate.js";
import { now as clockNow, machineNow } from "../clock.js";
import type { AiSummaryConfig } from "../config/schema.js";
import type { LlmSettings } from "../config/settings.js";
import type { Paper } from "../model/paper.js";
import { type Summary, SummarySchema } from "../model/summary.js";
import { getEach } from "../store/get-each.js";
import { usageKey } from "../store/keys.js";
import { type Store, StoreDataError } from "../store/types.js";
import { summaryResponseFormat } from "./answer-schema.js";
import { buildSummary } from "./build-summary.js";
import { summaryCacheKey, summarySettingsId } from "./cache-key.js";
import { loadPaperText } from "./html-source.js";
import { createLlmClient, LlmCallError, type LlmClient } from "./llm-client.js";
import { parseCompletion } from "./parse-summary.js";
import { buildMessages, resolvePrompt } from "./prompt.js";
import { redactSecrets } from "./redact.js";
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

/** LLM use and outcome of one `summarisePapers` run. */
export interface SummariseUsage {
  /** HTTP requests to the LLM, retries and JSON-mode fallbacks included. */
  calls: number;
  promptTokens: number;
  completionTokens: number;
  /** From the configured prices per million tokens, USD. */
  estimatedCostUsd: number;
  /** Candidates whose summary came from the store. */
  cached: number;
  /** New summaries written this run. */
  summarised: number;
  /** Papers whose summary failed this run (listed in `errors`; retried next run). */
  failed: number;
  /** Papers due a summary that no call was started for (time budget or token cap). */
  pending: number;
  /** Why calls stopped early, if they did. */
  skippedReason?: "time-budget" | "token-cap";
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

/**
 * Gives the best candidates a summary. Stored summaries (and today's token count) are read with
 * one `getMany`; of the candidates without one, the first `max_papers_to_summarize` are
 * summarised, `max_workers` at a time, each stored as soon as it completes. No call starts
 * after `deadline`, or when today's tokens plus those expected of it and of the calls running
 * would pass `daily_token_cap`; those papers count as pending.
 */
export async function summarisePapers(options: SummariseOptions): Promise<SummariseResult> {
  const { store, llm, ai } = options;
  const now = options.now ?? clockNow;
  const log = options.log ?? (() => {});
  const secrets = [llm.apiKey];
  const clean = (message: string) => redactSecrets(message, secrets);
  const prompt = resolvePrompt(ai, options.customPrompt);
  const candidates = uniqueById(options.papers);
  const keys = candidates.map((p) => summaryCacheKey(p, llm.model, prompt.hash, prompt.language));
  const settingsId = summarySettingsId(llm.model, prompt);
  const today = utcDate(now());

  const summaries = new Map<string, Summary>();
  const errors: SummariseResult["errors"] = [];
  const usage: SummariseUsage = {
    calls: 0,
    promptTokens: 0,
    completionTokens: 0,
    estimatedCostUsd: 0,
    cached: 0,
    summarised: 0,
    failed: 0,
    pending: 0,
  };

  let stored: unknown[];
  try {
    // An unreadable summary or usage record counts as absent: it is rewritten, not a reason to stop.
    stored = (await getEach(store, [...keys, usageKey(today)])).map((value) => {
      if (!(value instanceof StoreDataError)) return value;
      log(`[summary] ${value.message}; it will be rewritten`);
      return null;
    });
  } catch (error) {
    // Without knowing what is stored, summarising would pay again for every paper: wait for the next run.
    const message = clean(`store unavailable: ${error instanceof Error ? error.message : String(error)}`);
    log(`[summary] ${message}`);
    usage.pending = Math.min(candidates.length, ai.max_papers_to_summarize);
    return { summaries, usage, errors: [{ id: "*", message }] };
  }

  const due: { paper: Paper; key: string }[] = [];
  candidates.forEach((paper, i) => {
    const summary = storedSummary(stored[i]);
    if (summary) {
      // Found under this run's key, so written under this run's settings (older ones lack the stamp).
      summaries.set(paper.id, { ...summary, settingsId });
      usage.cached++;
    } else due.push({ paper, key: keys[i] as string });
  });
  const work = due.slice(0, ai.max_papers_to_summarize);

  const meter = createDailyUsageMeter({
    store,
    initial: dailyUsageFrom(stored[keys.length], today),
    prices: ai,
    onError: (error) => log(clean(`[summary] usage record not written: ${String(error)}`)),
  });
  const client =
    options.client ??
    createLlmClient({
      apiKey: llm.apiKey,
      baseUrl: llm.baseUrl,
      model: llm.model,
      temperature: ai.temperature,
      timeoutMs: ai.timeout_seconds * 1000,
      maxRetries: ai.max_retries,
      responseSchema: summaryResponseFormat(),
    });

  const skip = (reason: NonNullable<SummariseUsage["skippedReason"]>) => {
    usage.pending++;
    usage.skippedReason ??= reason;
  };
  // Tokens that calls still running are expected to use, so parallel workers cannot each start a
  // call under the cap and together pass it: a call's estimate is this run's average so far,
  // else its prompt's size (about 4 characters a token).
  let reserved = 0;
  const estimate = (messages: readonly { content: string }[]) => {
    const done = usage.summarised + usage.failed;
    if (done > 0 && usage.promptTokens + usage.completionTokens > 0)
      return Math.ceil((usage.promptTokens + usage.completionTokens) / done);
    return Math.ceil(messages.reduce((n, m) => n + m.content.length, 0) / 4);
  };
  const stopReason = (expected = 0): SummariseUsage["skippedReason"] => {
    if (machineNow() >= options.deadline) return "time-budget";
    const cap = ai.daily_token_cap;
    if (cap > 0 && (meter.tokens() >= cap || meter.tokens() + reserved + expected > cap)) return "token-cap";
    return undefined;
  };

  const summariseUngated = async ({ paper, key }: { paper: Paper; key: string }): Promise<void> => {
    const label = `${paper.id}v${paper.version}`;
    const before = stopReason();
    if (before) return skip(before);
    const started = machineNow();
    const content = await loadPaperText(paper, {
      source: ai.source,
      maxChars: ai.max_input_tokens * 4,
      timeoutMs: ai.timeout_seconds * 1000,
      ...(options.htmlBaseUrl ? { htmlBaseUrl: options.htmlBaseUrl } : {}),
      ...(options.htmlGate ? { gate: options.htmlGate } : {}),
      ...(options.userAgent ? { userAgent: options.userAgent } : {}),
    });
    if (content.fallback) log(`[summary] ${label}: using the abstract (${content.fallback})`);
    const expected = estimate(buildMessages(prompt, paper, content, "json"));
    const after = stopReason(expected);
    if (after) return skip(after);

    reserved += expected;
    try {
      const completion = await client.complete((format) => buildMessages(prompt, paper, content, format), {
        deadline: options.deadline,
      });
      usage.calls += completion.requests;
      usage.promptTokens += completion.promptTokens;
      usage.completionTokens += completion.completionTokens;
      meter.record(completion, completion.requests);

      const parsed = parseCompletion(completion.content);
      if (!parsed)
        throw new Error(`unusable ${completion.format} answer (${completion.content.length} characters)`);
      const summary = {
        ...buildSummary(parsed, prompt.headings, {
          model: llm.model,
          language: prompt.language,
          createdAt: new Date(now()).toISOString(),
        }),
        settingsId,
      };
      summaries.set(paper.id, summary);
      usage.summarised++;
      log(
        `[summary] ${label}: ok (${parsed.format}, ${completion.requests} request(s), ` +
          `${completion.promptTokens}+${completion.completionTokens} tokens, ${machineNow() - started} ms)`,
      );
      try {
        await store.set(key, summary, { ttlSeconds: options.ttlSeconds ?? DEFAULT_SUMMARY_TTL_SECONDS });
      } catch (error) {
        // The summary still goes out with this run's feeds; it is redone next run.
        const message = clean(
          `summary not stored: ${error instanceof Error ? error.message : String(error)}`,
        );
        errors.push({ id: paper.id, message });
        log(`[summary] ${label}: ${message}`);
      }
    } catch (error) {
      if (error instanceof LlmCallError) {
        usage.calls += error.requests;
        if (error.requests > 0) meter.record({ promptTokens: 0, completionTokens: 0 }, error.requests);
      }
      usage.failed++;
      const message = clean(error instanceof Error ? error.message : String(error));
      errors.push({ id: paper.id, message });
      log(`[summary] ${label}: failed: ${message}`);
    } finally {
      reserved -= expected;
    }
  };

  // With a cap, the first call runs alone: its real cost is what the others' estimates start from.
  let firstCall: Promise<void> | undefined;
  const summariseOne = async (item: { paper: Paper; key: string }): Promise<void> => {
    if (ai.daily_token_cap <= 0) return summariseUngated(item);
    if (firstCall) {
      await firstCall.catch(() => {});
      return summariseUngated(item);
    }
    firstCall = summariseUngated(item);
    return firstCall;
  };

  const limit = pLimit(ai.max_workers);
  await Promise.all(work.map((item) => limit(() => summariseOne(item))));
  await meter.flush();

  usage.estimatedCostUsd = estimateCostUsd(usage, ai);
  log(
    `[summary] ${usage.summarised} new, ${usage.cached} cached, ${usage.failed} failed, ${usage.pending} pending` +
      `${usage.skippedReason ? ` (${usage.skippedReason})` : ""}; ${usage.calls} request(s), ` +
      `${usage.promptTokens}+${usage.completionTokens} tokens, ~$${usage.estimatedCostUsd}` +
      (ai.daily_token_cap > 0 ? `; today ${meter.tokens()}/${ai.daily_token_cap} tokens` : ""),
  );
  return { summaries, usage, errors };
}
