import { describe, expect, it } from "vitest";
import { createCallBudget, estimateTokens } from "../../lib/summary/call-budget.js";
import { emptyUsage } from "../../lib/summary/run-usage.js";

const FAR = Number.MAX_SAFE_INTEGER;

describe("call budget", () => {
  it("stops at the deadline before looking at tokens", () => {
    const budget = createCallBudget({ deadline: 0, dailyTokenCap: 0, todayTokens: () => 0 });
    expect(budget.stopReason()).toBe("time-budget");
  });

  it("counts reserved tokens of running calls against the cap until released", () => {
    let today = 600;
    const budget = createCallBudget({ deadline: FAR, dailyTokenCap: 1000, todayTokens: () => today });
    expect(budget.stopReason(300)).toBeUndefined();
    budget.reserve(300);
    expect(budget.stopReason(300)).toBe("token-cap");
    budget.release(300);
    expect(budget.stopReason(300)).toBeUndefined();
    today = 1000;
    expect(budget.stopReason()).toBe("token-cap");
  });

  it("has no token limit with a cap of 0", () => {
    const budget = createCallBudget({ deadline: FAR, dailyTokenCap: 0, todayTokens: () => 1e9 });
    budget.reserve(1e9);
    expect(budget.stopReason(1e9)).toBeUndefined();
  });

  it("estimates from the run's average, else from the prompt's length", () => {
    const messages = [{ content: "x".repeat(400) }, { content: "y".repeat(5) }];
    expect(estimateTokens(emptyUsage(), messages)).toBe(102);
    const usage = { ...emptyUsage(), summarised: 2, failed: 1, promptTokens: 250, completionTokens: 50 };
    expect(estimateTokens(usage, messages)).toBe(100);
  });
});
