import { describe, expect, it } from "vitest";
import { createMemoryStore } from "../../lib/store/memory.js";
import type { Store } from "../../lib/store/types.js";
import { createDailyUsageMeter, dailyUsageFrom, estimateCostUsd } from "../../lib/summary/usage.js";

const prices = { input_price_per_million: 0.15, output_price_per_million: 0.6 };

describe("usage", () => {
  it("estimates cost from prices per million tokens", () => {
    expect(estimateCostUsd({ promptTokens: 1_000_000, completionTokens: 1_000_000 }, prices)).toBe(0.75);
    expect(estimateCostUsd({ promptTokens: 120, completionTokens: 80 }, prices)).toBe(0.000066);
    expect(estimateCostUsd({ promptTokens: 0, completionTokens: 0 }, prices)).toBe(0);
  });

  it("starts a fresh day for another date or an unreadable record", () => {
    const empty = { date: "2026-04-28", calls: 0, promptTokens: 0, completionTokens: 0, estimatedCostUsd: 0 };
    expect(dailyUsageFrom({ ...empty, date: "2026-04-27", calls: 5 }, "2026-04-28")).toEqual(empty);
    expect(dailyUsageFrom("garbage", "2026-04-28")).toEqual(empty);
    expect(dailyUsageFrom(null, "2026-04-28")).toEqual(empty);
    expect(dailyUsageFrom({ ...empty, calls: 5 }, "2026-04-28").calls).toBe(5);
  });

  it("writes the running total in order and reports failed writes without throwing", async () => {
    const store = createMemoryStore();
    const meter = createDailyUsageMeter({ store, initial: dailyUsageFrom(null, "2026-04-28"), prices });
    meter.record({ promptTokens: 100, completionTokens: 10 }, 1);
    meter.record({ promptTokens: 200, completionTokens: 20 }, 2);
    expect(meter.tokens()).toBe(330);
    await meter.flush();
    expect(await store.get("usage:2026-04-28")).toMatchObject({
      calls: 3,
      promptTokens: 300,
      completionTokens: 30,
    });

    const failures: unknown[] = [];
    const broken: Store = { ...store, set: () => Promise.reject(new Error("down")) };
    const failing = createDailyUsageMeter({
      store: broken,
      initial: dailyUsageFrom(null, "2026-04-28"),
      prices,
      onError: (e) => failures.push(e),
    });
    failing.record({ promptTokens: 1, completionTokens: 1 }, 1);
    await failing.flush();
    expect(failures).toHaveLength(1);
    expect(failing.tokens()).toBe(2);
  });
});
