import { describe, expect, it } from "vitest";
import { AiSummaryConfigSchema } from "../../lib/config/schema.js";
import { CRON_MAX_DURATION_SECONDS, summaryDeadline } from "../../lib/refresh/run-refresh.js";

const ai = (fields: Record<string, unknown> = {}) => AiSummaryConfigSchema.parse(fields);

describe("summaryDeadline", () => {
  it("uses the configured budget when it leaves room for a last call and the publish", () => {
    expect(summaryDeadline(0, ai())).toBe(180_000);
    // Default budget + default timeout fit in the cron's limit with room to publish.
    const defaults = ai();
    expect(defaults.time_budget_seconds + defaults.timeout_seconds).toBeLessThan(
      CRON_MAX_DURATION_SECONDS - 30,
    );
  });

  it("caps a budget that a slow last call would push past the cron's maxDuration", () => {
    const deadline = summaryDeadline(1000, ai({ time_budget_seconds: 290, timeout_seconds: 60 }));
    expect(deadline).toBe(1000 + (CRON_MAX_DURATION_SECONDS - 60 - 45) * 1000);
  });
});
