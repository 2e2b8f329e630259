/**
 * The benches' structural facts, on tiny sizes (no timing is asserted): a feed request costs one
 * store command, a second refresh makes no LLM call, a 304 has an empty body, a refresh's store
 * round trips do not grow with the day's size, and a short load run sees no errors.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { benchConditionalGet } from "../../bench/conditional-get.js";
import { type BenchContext, createContext } from "../../bench/context.js";
import { benchFeedLatency } from "../../bench/feed-latency.js";
import { type Harness, startHarness } from "../../bench/harness.js";
import { benchLoad } from "../../bench/load.js";
import { benchParseRank } from "../../bench/parse-rank.js";
import { renderReport } from "../../bench/report.js";
import { benchStoreCommands } from "../../bench/store-commands.js";
import { benchSummaries } from "../../bench/summaries.js";

let ctx: BenchContext;
let harness: Harness;

beforeAll(async () => {
  ctx = createContext({ quick: true, print: false });
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

describe("bench smoke (BENCH_QUICK, tiny sizes)", () => {
  it("parses and ranks the 1,430-item fixture", async () => {
    const result = await benchParseRank(ctx, { iterations: 1, pythonIterations: 0 });
    expect(result.items).toBe(1430);
    expect(result.ranked).toBeGreaterThan(0);
  });

  it("a second refresh of the same day makes zero LLM calls", async () => {
    const result = await benchSummaries(ctx, harness, { delayMs: 5, ai: { max_papers_to_summarize: 3 } });
    expect(result.first.calls).toBe(3);
    expect(result.first.promptTokens).toBeGreaterThan(0);
    expect(result.second.calls).toBe(0);
    expect(result.delayed.calls).toBe(3);
  });

  it("a feed request is one store read; a refresh's round trips do not depend on the paper count", async () => {
    const result = await benchStoreCommands(ctx, harness, {
      trimmedItems: 20,
      snapshotPapers: 5,
      feedRequests: 2,
      weekItems: 40,
    });
    // A week of pools: the personal feed of `all` ranks all five days in one store command.
    expect(result.week).toMatchObject({ commands: 1, days: 5 });
    expect(Object.values(result.perFeedRequest).length).toBeGreaterThan(0);
    for (const perRequest of Object.values(result.perFeedRequest)) expect(perRequest).toBe(1);
    const [full, trimmed] = result.refreshes;
    expect(trimmed?.requests).toBe(full?.requests);
    expect(trimmed?.commands).toBe(full?.commands);
    expect(full?.byPath["/multi-exec"]).toBe(1);
    expect(result.snapshot.withSummary).toBe(result.snapshot.papers);
    expect(result.snapshot.bytes).toBeGreaterThan(0);
  }, 60_000);

  it("a repeat poll with If-None-Match is a 304 with an empty body", async () => {
    const [poll] = await benchConditionalGet(ctx, harness, ["/rss/cs.LG"]);
    expect(poll?.plain.status).toBe(200);
    expect(poll?.plain.body).toBeGreaterThan(0);
    expect(poll?.ifNoneMatch.status).toBe(304);
    expect(poll?.ifNoneMatch.body).toBe(0);
  });

  it("measures latency against the plain server and loads without errors", async () => {
    const pairs = await benchFeedLatency(ctx, harness, { requests: 5 });
    expect(pairs.map((p) => p.store)).toEqual(["memory", "upstash"]);
    const load = await benchLoad(ctx, harness, { connections: 2, durationSec: 1, baselineSec: 1 });
    // The category feed, a personal feed and the JSON API.
    expect(load.runs).toHaveLength(3);
    for (const run of load.runs) {
      expect(run.service.requests).toBeGreaterThan(0);
      expect(run.service.errors + run.service.timeouts + run.service.non2xx).toBe(0);
    }
  }, 60_000);

  it("renders every recorded figure into the report", () => {
    const text = renderReport({
      figures: ctx.figures,
      quick: true,
      date: new Date(),
      elapsedMs: 1,
      failures: [],
      notes: [],
    });
    expect(ctx.figures.length).toBeGreaterThan(10);
    for (const section of new Set(ctx.figures.map((f) => f.section))) expect(text).toContain(`## ${section}`);
  });
});
