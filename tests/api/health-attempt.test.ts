import { describe, expect, it } from "vitest";
import { healthReport } from "../../lib/api/health.js";
import { HealthResponseSchema } from "../../lib/api/schemas.js";
import { ConfigSchema } from "../../lib/config/schema.js";
import type { RefreshAttempt } from "../../lib/model/refresh-attempt.js";
import type { RefreshMeta } from "../../lib/model/refresh-meta.js";

const config = ConfigSchema.parse({ categories: ["cs.LG"], keywords: ["x"] });
const context = {
  config,
  summariesEnabled: false,
  model: "m",
  storeDriver: "redis",
  now: Date.parse("2026-01-29T15:00:00Z"),
};

const meta: RefreshMeta = {
  version: "v1",
  startedAt: "2026-01-29T05:30:00.000Z",
  finishedAt: "2026-01-29T05:31:00.000Z",
  durationMs: 60_000,
  status: "ok",
  announced: "2026-01-29",
  categories: { "cs.LG": { status: "ok", url: "u", parsed: 10, kept: 5 } },
  feeds: { all: 5, "cs.LG": 5 },
  arxivRequests: 1,
  lastSuccessAt: "2026-01-29T05:31:00.000Z",
};

const refused: RefreshAttempt = {
  startedAt: "2026-01-29T06:30:00.000Z",
  finishedAt: "2026-01-29T06:30:05.000Z",
  durationMs: 5000,
  status: "error",
  error: "StoreUnavailableError: redis publish failed: OOM command not allowed",
};

describe("health's last attempt", () => {
  it("a refused publish after a success: failing, the attempt's error beside the last success", () => {
    const report = HealthResponseSchema.parse(healthReport(meta, context, refused));
    expect(report.status).toBe("failing");
    expect(report.lastAttempt).toEqual(refused);
    expect(report.lastRefresh).toMatchObject({ status: "ok", lastSuccessAt: meta.lastSuccessAt });
  });

  it("no attempt recorded (a store from before): the last run stands for it, with its categories' errors", () => {
    const failed: RefreshMeta = {
      ...meta,
      status: "failed",
      categories: {
        "cs.LG": { status: "error", url: "u", parsed: 0, kept: 0, error: "network: ECONNREFUSED" },
      },
    };
    expect(healthReport(failed, context).lastAttempt).toEqual({
      startedAt: meta.startedAt,
      finishedAt: meta.finishedAt,
      durationMs: meta.durationMs,
      status: "failed",
      error: "cs.LG: network: ECONNREFUSED",
    });
    expect(healthReport(meta, context).lastAttempt).toMatchObject({ status: "ok", error: null });
  });

  it("a failed attempt and nothing ever published: failing, not empty", () => {
    const report = healthReport(null, context, refused);
    expect(report).toMatchObject({ status: "failing", lastRefresh: null, lastAttempt: refused });
    expect(healthReport(null, context)).toMatchObject({ status: "empty", lastAttempt: null });
  });
});
