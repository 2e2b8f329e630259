import { describe, expect, it } from "vitest";
import { healthReport } from "../../lib/api/health.js";
import { ConfigSchema } from "../../lib/config/schema.js";
import type { RefreshMeta } from "../../lib/model/refresh-meta.js";

const config = ConfigSchema.parse({ categories: ["cs.LG", "cs.CL"], keywords: ["x"] });
const context = (now: string) => ({
  config,
  summariesEnabled: false,
  model: "m",
  storeDriver: "memory",
  now: Date.parse(now),
});

const meta: RefreshMeta = {
  version: "v1",
  startedAt: "2026-01-30T05:30:00.000Z",
  finishedAt: "2026-01-30T05:31:00.000Z",
  durationMs: 60_000,
  status: "partial",
  announced: "2026-01-30",
  categories: {
    "cs.LG": {
      status: "ok",
      url: "u",
      parsed: 10,
      kept: 5,
      builtAt: "2026-01-30T05:00:00.000Z",
      announced: "2026-01-30",
    },
    "cs.CL": { status: "error", url: "u", parsed: 0, kept: 3, error: "http: 503" },
  },
  feeds: { all: 8, "cs.LG": 5, "cs.CL": 3 },
  arxivRequests: 2,
  llm: {
    model: "m",
    calls: 3,
    promptTokens: 1,
    completionTokens: 1,
    estimatedCostUsd: 0,
    cached: 0,
    failed: 1,
    pending: 4,
  },
  lastSuccessAt: "2026-01-30T05:31:00.000Z",
};

describe("healthReport", () => {
  it("on a Saturday says arXiv skips today and announces again on Monday, midnight Eastern", () => {
    const report = healthReport(meta, context("2026-01-31T15:00:00Z"));
    expect(report).toMatchObject({
      status: "degraded",
      skipDay: true,
      skipReason: "weekend",
      arxivFeedDate: "2026-01-31",
      nextAnnouncement: "2026-02-02T05:00:00.000Z",
    });
    expect(report.categories["cs.CL"]).toMatchObject({
      status: "error",
      error: "http: 503",
      arxivBuiltAt: null,
    });
    expect(report.feeds).toEqual({
      all: { count: 8, arxivBuiltAt: "2026-01-30T05:00:00.000Z" },
      "cs.LG": { count: 5, arxivBuiltAt: "2026-01-30T05:00:00.000Z" },
      "cs.CL": { count: 3, arxivBuiltAt: null },
    });
    expect(report.summaries).toEqual({ enabled: false, model: null, pending: 4 });
  });

  it("on a weekday is not a skip day; no refresh yet is `empty`", () => {
    const report = healthReport(null, context("2026-01-28T15:00:00Z"));
    expect(report).toMatchObject({
      status: "empty",
      skipDay: false,
      skipReason: null,
      lastRefresh: null,
      llm: null,
    });
    expect(report.feeds.all).toEqual({ count: 0, arxivBuiltAt: null });
  });

  it("a weekday whose refresh found every feed empty is a skip day (holiday)", () => {
    const holiday = { ...meta, status: "no-announcement" as const, finishedAt: "2026-01-28T06:31:00.000Z" };
    expect(healthReport(holiday, context("2026-01-28T15:00:00Z"))).toMatchObject({
      skipDay: true,
      skipReason: "no announcement today (holiday)",
    });
    // The next day is an ordinary weekday again until its refresh says otherwise.
    expect(healthReport(holiday, context("2026-01-29T15:00:00Z"))).toMatchObject({
      skipDay: false,
      skipReason: null,
    });
  });

  it("maps each run status", () => {
    const status = (s: RefreshMeta["status"]) =>
      healthReport({ ...meta, status: s }, context("2026-01-28T15:00:00Z")).status;
    expect([status("ok"), status("no-announcement"), status("partial"), status("failed")]).toEqual([
      "ok",
      "ok",
      "degraded",
      "failing",
    ]);
  });
});
