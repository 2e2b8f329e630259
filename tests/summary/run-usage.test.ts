import { describe, expect, it } from "vitest";
import { LlmUsageSchema } from "../../lib/model/refresh-meta.js";
import { emptyUsage, refreshUsage, SummariseUsageSchema } from "../../lib/summary/run-usage.js";

describe("a run's usage", () => {
  it("has exactly the refresh record's fields but the model, so the two cannot drift apart", () => {
    const recordFields = Object.keys(LlmUsageSchema.shape).filter((key) => key !== "model");
    expect(Object.keys(SummariseUsageSchema.shape).sort()).toEqual(recordFields.sort());
    expect(SummariseUsageSchema.parse(emptyUsage())).toEqual(emptyUsage());
  });

  it("becomes the refresh's record with the model named and carried summaries counted as cached", () => {
    const usage = {
      ...emptyUsage(),
      calls: 3,
      cached: 2,
      summarised: 1,
      skippedReason: "token-cap" as const,
    };
    const record = refreshUsage("gpt-test", usage, 5);
    expect(LlmUsageSchema.parse(record)).toEqual({ ...usage, model: "gpt-test", cached: 7 });
  });
});
