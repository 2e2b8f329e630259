import { getSettings } from "../lib/config/settings.js";
import { feedNames } from "../lib/model/feeds.js";
import type { FeedSnapshot } from "../lib/model/snapshot.js";
import { summariseStep } from "../lib/refresh/summarise-step.js";
import { getStore } from "../lib/store/instance.js";
import { feedKey } from "../lib/store/keys.js";
import type { BenchContext } from "./context.js";
import { configuredAndRefreshed, type Harness, refreshDone } from "./harness.js";
import { ms, timeAsync, times } from "./stats.js";

export interface SummariesOptions {
  /** Fixed latency the fake LLM server adds to every answer, ms. */
  delayMs?: number;
  /** Overrides `ai_summary` keys (e.g. a smaller `max_papers_to_summarize`). */
  ai?: Record<string, unknown>;
}

export interface RefreshUsage {
  /** Requests the fake server received during the refresh. */
  calls: number;
  promptTokens: number;
  completionTokens: number;
  ms: number;
}

export interface StageTiming {
  delayMs: number;
  calls: number;
  workers: number;
  stageMs: number;
  /** calls × delay ÷ workers: the time the LLM server's own latency accounts for. */
  idealMs: number;
}

export interface SummariesResult {
  first: RefreshUsage;
  second: RefreshUsage;
  instant: StageTiming;
  delayed: StageTiming;
}

async function refreshUsage(harness: Harness): Promise<RefreshUsage> {
  const before = harness.llm.calls();
  const { outcome, ms: elapsed } = await refreshDone(harness);
  const llm = outcome.meta.llm;
  return {
    calls: harness.llm.calls() - before,
    promptTokens: llm?.promptTokens ?? 0,
    completionTokens: llm?.completionTokens ?? 0,
    ms: elapsed,
  };
}

/**
 * Times the summarise stage alone (`summariseStep`, as `runRefresh` calls it) on the feeds a
 * refresh without summaries published, with the fake LLM answering after `delayMs`.
 */
async function stageTiming(
  harness: Harness,
  delayMs: number,
  ai: Record<string, unknown>,
): Promise<StageTiming> {
  await configuredAndRefreshed(harness, { store: "memory", llm: false, config: { ai_summary: ai } });
  const base = getSettings();
  const settings = {
    ...base,
    llm: { apiKey: harness.llm.apiKey, baseUrl: harness.llm.baseUrl, model: "bench-model" },
  };
  const store = getStore();
  const snapshots = await store.getMany<FeedSnapshot>(feedNames(base.config).map(feedKey));
  const feeds = snapshots.map((snapshot) => snapshot?.papers ?? []);
  harness.llm.setBehaviour(() => ({ type: "slow", delayMs }));
  const before = harness.llm.calls();
  const { ms: stageMs, value } = await timeAsync(() =>
    summariseStep(settings, store, feeds, Date.now() + 600_000, () => {}),
  );
  harness.llm.setBehaviour(undefined);
  if (value.errors.length) throw new Error(`summaries failed: ${value.errors.join("; ")}`);
  const calls = harness.llm.calls() - before;
  const workers = base.config.ai_summary.max_workers;
  return { delayMs, calls, workers, stageMs, idealMs: (calls * delayMs) / workers };
}

/**
 * Issue 3's figures: LLM calls and tokens of two consecutive refreshes of the full-size fixture
 * day (the second must make none), and the summarise stage's time beyond the LLM's own latency.
 */
export async function benchSummaries(
  ctx: BenchContext,
  harness: Harness,
  options: SummariesOptions = {},
): Promise<SummariesResult> {
  const section = "2. Summaries";
  const ai = options.ai ?? {};
  const delayMs = options.delayMs ?? (ctx.quick ? 50 : 200);

  await harness.configure({ store: "memory", llm: true, config: { ai_summary: ai } });
  const first = await refreshUsage(harness);
  const second = await refreshUsage(harness);
  const tokens = (u: RefreshUsage) =>
    `${u.calls} calls, ${u.promptTokens.toLocaleString("en-US")} prompt + ${u.completionTokens.toLocaleString("en-US")} completion tokens`;
  ctx.record({
    section,
    name: "refresh 1 (full fixture day, empty store)",
    value: tokens(first),
    note: `refresh ${ms(first.ms)}`,
  });
  ctx.record({
    section,
    name: "refresh 2 (same day, summaries stored)",
    value: tokens(second),
    baseline: `refresh 1: ${first.calls} calls`,
    goal: "0 calls",
    met: second.calls === 0,
    note: `refresh ${ms(second.ms)}`,
  });

  const instant = await stageTiming(harness, 0, ai);
  const delayed = await stageTiming(harness, delayMs, ai);
  ctx.record({
    section,
    name: `summarise stage, instant LLM server (${instant.calls} calls, ${instant.workers} workers)`,
    value: ms(instant.stageMs),
    note: `${ms(instant.stageMs / Math.max(1, instant.calls))} per call: prompt, SDK, HTTP, parse, sanitise, store`,
  });
  const overhead = delayed.stageMs - delayed.idealMs;
  ctx.record({
    section,
    name: `summarise stage, LLM server answering after ${delayMs} ms (${delayed.calls} calls, ${delayed.workers} workers)`,
    value: ms(delayed.stageMs),
    baseline: `calls × delay ÷ workers = ${ms(delayed.idealMs)}`,
    ratio: times(delayed.stageMs / delayed.idealMs),
    note: `overhead outside the LLM's latency ${ms(overhead)} (${((overhead / delayed.stageMs) * 100).toFixed(1)}% of the stage)`,
  });
  return { first, second, instant, delayed };
}
