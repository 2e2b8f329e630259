import { machineNow } from "../clock.js";
import type { SkipReason, SummariseUsage } from "./run-usage.js";

/** What decides whether one more LLM call may start. */
export interface CallBudgetOptions {
  /** Machine-clock epoch ms (`machineNow`) after which no call starts. */
  deadline: number;
  /** Tokens a UTC day may use, this run's included; 0 for no cap. */
  dailyTokenCap: number;
  /** Today's tokens so far (the daily usage meter). */
  todayTokens: () => number;
}

/**
 * The run's limits on starting calls. Tokens that calls still running are expected to use are
 * reserved, so parallel workers cannot each start a call under the cap and together pass it.
 */
export function createCallBudget(options: CallBudgetOptions) {
  let reserved = 0;
  return {
    /** Why a call expecting `expected` tokens must not start, or undefined when it may. */
    stopReason(expected = 0): SkipReason | undefined {
      if (machineNow() >= options.deadline) return "time-budget";
      const cap = options.dailyTokenCap;
      const today = options.todayTokens();
      if (cap > 0 && (today >= cap || today + reserved + expected > cap)) return "token-cap";
      return undefined;
    },
    reserve(tokens: number): void {
      reserved += tokens;
    },
    release(tokens: number): void {
      reserved -= tokens;
    },
  };
}
export type CallBudget = ReturnType<typeof createCallBudget>;

/**
 * Tokens a call is expected to use: this run's average per finished paper so far, else its
 * prompt's size (about 4 characters a token).
 */
export function estimateTokens(usage: SummariseUsage, messages: readonly { content: string }[]): number {
  const done = usage.summarised + usage.failed;
  const tokens = usage.promptTokens + usage.completionTokens;
  if (done > 0 && tokens > 0) return Math.ceil(tokens / done);
  return Math.ceil(messages.reduce((n, m) => n + m.content.length, 0) / 4);
}
