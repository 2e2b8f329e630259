import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AiSummaryConfig } from "../../lib/config/schema.js";
import { SummarySchema } from "../../lib/model/summary.js";
import { usageKey } from "../../lib/store/keys.js";
import { createMemoryStore } from "../../lib/store/memory.js";
import { type Store, StoreDataError } from "../../lib/store/types.js";
import { summaryResponseFormat } from "../../lib/summary/answer-schema.js";
import { summaryCacheKey } from "../../lib/summary/cache-key.js";
import { createLlmClient, type LlmClient } from "../../lib/summary/llm-client.js";
import { resolvePrompt } from "../../lib/summary/prompt.js";
import { type SummariseOptions, summarisePapers } from "../../lib/summary/summarise.js";
import { DailyUsageSchema } from "../../lib/summary/usage.js";
import { type OpenAiServer, startOpenAiServer, tldrFor } from "../helpers/openai-server.js";
import { aiConfig, countingStore, makePaper, storedSummaries } from "./fixtures.js";
import { expectNoHostileTraces, XML_INVALID } from "./html-checks.js";

let server: OpenAiServer;
let store: Store;
let logs: string[];
beforeEach(async () => {
  server = await startOpenAiServer();
  store = createMemoryStore();
  logs = [];
});
afterEach(async () => {
  await server.stop();
});

const papers = (count: number) => Array.from({ length: count }, (_, i) => makePaper(i + 1));

function run(overrides: Omit<Partial<SummariseOptions>, "ai"> & { ai?: Partial<AiSummaryConfig> } = {}) {
  const { ai, ...rest } = overrides;
  return summarisePapers({
    papers: papers(3),
    store,
    llm: { apiKey: server.apiKey, baseUrl: server.baseUrl, model: "test-model" },
    ai: aiConfig(ai),
    deadline: Date.now() + 60_000,
    log: (line) => logs.push(line),
    ...rest,
  });
}

describe("summarisePapers", () => {
  it("summarises every candidate through JSON mode and stores each summary", async () => {
    const result = await run();
    expect(result.errors).toEqual([]);
    expect([...result.summaries.keys()]).toEqual(
      expect.arrayContaining(["2604.00001", "2604.00002", "2604.00003"]),
    );
    const summary = result.summaries.get("2604.00002");
    expect(SummarySchema.parse(summary)).toEqual(summary);
    expect(summary).toMatchObject({ model: "test-model", language: "en", tldr: tldrFor("2604.00002") });
    expect(summary?.sections.map((s) => s.key)).toEqual(["problem", "method", "results", "limitations"]);
    expect(result.usage).toMatchObject({ calls: 3, cached: 0, summarised: 3, failed: 0, pending: 0 });
    expect(result.usage.skippedReason).toBeUndefined();

    const key = summaryCacheKey(makePaper(2), "test-model", resolvePrompt(aiConfig()).hash, "en");
    expect(await store.get(key)).toEqual(summary);
    for (const request of server.requests()) {
      expect(request).toMatchObject({
        model: "test-model",
        temperature: 0.3,
        responseFormat: summaryResponseFormat(),
      });
    }
  });

  it("makes zero calls on a second run with the same store, reading it once", async () => {
    await run();
    server.reset();
    const { store: counted, counts } = countingStore(store);
    const second = await run({ store: counted });
    expect(server.calls()).toBe(0);
    expect(counts).toEqual({ get: 0, getMany: 1, set: 0 });
    expect(second.usage).toMatchObject({
      calls: 0,
      cached: 3,
      summarised: 0,
      promptTokens: 0,
      estimatedCostUsd: 0,
    });
    expect(second.summaries.size).toBe(3);

    const loaded = await storedSummaries(counted, papers(4), "test-model", aiConfig());
    expect([...loaded.keys()].sort()).toEqual(["2604.00001", "2604.00002", "2604.00003"]);
    expect(counts.getMany).toBe(2);
    expect(server.calls()).toBe(0);
  });

  it("summarises a paper listed twice (in several feeds) once", async () => {
    const result = await run({
      papers: [makePaper(1), makePaper(2), makePaper(1, { categories: ["cs.AI"] })],
    });
    expect(server.calls()).toBe(2);
    expect(result.summaries.size).toBe(2);
  });

  it("summarises only the top max_papers_to_summarize of those without a summary", async () => {
    const first = await run({ papers: papers(5), ai: { max_papers_to_summarize: 2 } });
    expect(
      server
        .requests()
        .map((r) => r.paperId)
        .sort(),
    ).toEqual(["2604.00001", "2604.00002"]);
    expect(first.usage).toMatchObject({ summarised: 2, pending: 0 });
    expect(first.summaries.size).toBe(2);

    server.reset();
    const second = await run({ papers: papers(5), ai: { max_papers_to_summarize: 2 } });
    expect(
      server
        .requests()
        .map((r) => r.paperId)
        .sort(),
    ).toEqual(["2604.00003", "2604.00004"]);
    expect(second.usage).toMatchObject({ cached: 2, summarised: 2 });
    expect(second.summaries.size).toBe(4);
  });

  it("runs at most max_workers calls at once", async () => {
    server.setBehaviour(() => ({ type: "slow", delayMs: 80 }));
    const inner = createLlmClient({
      apiKey: server.apiKey,
      baseUrl: server.baseUrl,
      model: "test-model",
      temperature: 0.3,
      timeoutMs: 5000,
      maxRetries: 0,
    });
    let active = 0;
    let peak = 0;
    const client: LlmClient = {
      model: inner.model,
      jsonMode: inner.jsonMode,
      structuredOutput: inner.structuredOutput,
      tokenLimit: inner.tokenLimit,
      async complete(messages, options) {
        peak = Math.max(peak, ++active);
        try {
          return await inner.complete(messages, options);
        } finally {
          active--;
        }
      },
    };
    const result = await run({ papers: papers(7), client, ai: { max_workers: 2 } });
    expect(result.usage.summarised).toBe(7);
    expect(peak).toBe(2);
  });

  it("falls back to Markdown when the endpoint rejects JSON mode and still produces structured summaries", async () => {
    server.setJsonMode("rejected");
    const result = await run({ ai: { max_workers: 1 } });
    // One structured-output and one JSON-mode request rejected, then three Markdown ones.
    expect(server.calls()).toBe(5);
    expect(result.usage.calls).toBe(5);
    const summary = result.summaries.get("2604.00003");
    expect(summary?.tldr).toBe(tldrFor("2604.00003"));
    expect(summary?.sections.map((s) => s.heading)).toEqual([
      "Problem and contribution",
      "Method and setup",
      "Key results",
      "Limitations",
    ]);
    expect(summary?.sections[2]?.text).toContain("2.1x speed-up");
  });

  it("sanitises hostile answers, in JSON and in Markdown", async () => {
    server.setBehaviour(() => ({ type: "hostile" }));
    const json = await run({ papers: [makePaper(1)] });
    server.setJsonMode("ignored");
    const markdown = await run({ papers: [makePaper(2)] });
    for (const summary of [json.summaries.get("2604.00001"), markdown.summaries.get("2604.00002")]) {
      if (!summary) throw new Error("missing summary");
      expectNoHostileTraces(summary.html);
      for (const text of [summary.text, summary.tldr, ...summary.sections.map((s) => s.text)]) {
        expect(text).not.toMatch(XML_INVALID);
        expect(text).not.toContain("]]>");
        expect(text).not.toMatch(/<script|onerror=|javascript:/i);
      }
      expect(summary.html).toContain('href="https://example.org/ok"');
      expect(summary.text).toContain("3.5x faster");
    }
  });

  it("retries 429 and 500 within max_retries and honours retry-after", async () => {
    server.setBehaviour((req) => {
      if (req.paperId === "2604.00001" && req.attempt === 1) return { type: "rate-limit", retryAfter: "1" };
      if (req.paperId === "2604.00002" && req.attempt <= 2) return { type: "error", status: 500 };
      return undefined;
    });
    const started = Date.now();
    const result = await run({ ai: { max_retries: 2 } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(result.errors).toEqual([]);
    expect(result.usage).toMatchObject({ summarised: 3, calls: 6 });
    expect(server.callsFor("2604.00001")).toBe(2);
    expect(server.callsFor("2604.00002")).toBe(3);
  });

  it("isolates failures: others are summarised, errors are listed, nothing throws", async () => {
    server.setBehaviour((req) => {
      if (req.paperId === "2604.00001") return { type: "error", status: 500, message: "upstream exploded" };
      if (req.paperId === "2604.00002") return { type: "content", content: "" };
      if (req.paperId === "2604.00003") return { type: "slow", delayMs: 8000 };
      return undefined;
    });
    // A timeout the quick answers meet on a loaded machine too; only the slow paper passes it.
    const result = await run({ papers: papers(5), ai: { max_retries: 1, timeout_seconds: 1.5 } });
    expect([...result.summaries.keys()].sort()).toEqual(["2604.00004", "2604.00005"]);
    expect(result.usage).toMatchObject({ summarised: 2, failed: 3, pending: 0, calls: 2 + 1 + 2 + 2 });
    const errors = new Map(result.errors.map((e) => [e.id, e.message]));
    expect(errors.get("2604.00001")).toMatch(/500 upstream exploded after 2 requests$/);
    expect(errors.get("2604.00002")).toBe("unusable json answer (0 characters)");
    expect(errors.get("2604.00003")).toMatch(/timed out after 1500 ms after 2 requests$/);
    expect(server.callsFor("2604.00003")).toBe(2);

    // Failed papers are retried on the next run; the good ones are not redone.
    server.setBehaviour(undefined);
    server.reset();
    const next = await run({ papers: papers(5) });
    expect(
      server
        .requests()
        .map((r) => r.paperId)
        .sort(),
    ).toEqual(["2604.00001", "2604.00002", "2604.00003"]);
    expect(next.summaries.size).toBe(5);
  });

  it("starts no call after the deadline: everything pending", async () => {
    const result = await run({ deadline: Date.now() - 1 });
    expect(server.calls()).toBe(0);
    expect(result.usage).toMatchObject({ calls: 0, pending: 3, skippedReason: "time-budget" });
    expect(result.summaries.size).toBe(0);
  });

  it("stops starting calls when the deadline passes mid-run", async () => {
    // The first call starts at once and outlasts the deadline; a loaded machine has 2 s to start it.
    server.setBehaviour(() => ({ type: "slow", delayMs: 3000 }));
    const result = await run({ papers: papers(4), deadline: Date.now() + 2000, ai: { max_workers: 1 } });
    expect(server.calls()).toBe(1);
    expect(result.usage).toMatchObject({ summarised: 1, pending: 3, skippedReason: "time-budget" });
  });

  it("stops at the daily token cap and keeps the day's count in the store", async () => {
    const ai = { daily_token_cap: 400, max_workers: 1 };
    const result = await run({ papers: papers(5), ai });
    expect(server.calls()).toBe(2); // 200 tokens each
    expect(result.usage).toMatchObject({ summarised: 2, pending: 3, skippedReason: "token-cap" });
    const day = DailyUsageSchema.parse(await store.get(usageKey(new Date())));
    expect(day).toMatchObject({ calls: 2, promptTokens: 240, completionTokens: 160 });

    server.reset();
    const later = await run({ papers: papers(5), ai });
    expect(server.calls()).toBe(0);
    expect(later.usage).toMatchObject({ cached: 2, pending: 3, skippedReason: "token-cap" });
  });

  it("parallel workers do not pass the token cap together: running calls count against it", async () => {
    // Every call costs 1,000 tokens; five workers and a cap of 2,500. Without counting the calls
    // in flight, all five would start at 0 tokens and spend 5,000.
    server.setBehaviour(() => ({ type: "default", usage: { prompt_tokens: 900, completion_tokens: 100 } }));
    const result = await run({ papers: papers(10), ai: { daily_token_cap: 2500, max_workers: 5 } });
    const spent = result.usage.promptTokens + result.usage.completionTokens;
    expect(result.usage.skippedReason).toBe("token-cap");
    expect(server.calls()).toBeGreaterThanOrEqual(2);
    expect(spent).toBeLessThanOrEqual(2500);
  });

  it("reports usage and cost from the server's token counts and the configured prices", async () => {
    server.setBehaviour((req) =>
      req.paperId === "2604.00002"
        ? { type: "default", usage: { prompt_tokens: 1000, completion_tokens: 500 } }
        : { type: "default", usage: { prompt_tokens: 300, completion_tokens: 100 } },
    );
    const ai = { input_price_per_million: 2, output_price_per_million: 8 };
    const result = await run({ ai });
    expect(result.usage.promptTokens).toBe(1600);
    expect(result.usage.completionTokens).toBe(700);
    expect(result.usage.estimatedCostUsd).toBeCloseTo((1600 * 2 + 700 * 8) / 1e6, 9);
    const day = DailyUsageSchema.parse(await store.get(usageKey(new Date())));
    expect(day).toMatchObject({ calls: 3, promptTokens: 1600, completionTokens: 700 });
    expect(day.estimatedCostUsd).toBeCloseTo(result.usage.estimatedCostUsd, 9);

    await run({ papers: [makePaper(9)], ai });
    const after = DailyUsageSchema.parse(await store.get(usageKey(new Date())));
    expect(after).toMatchObject({ calls: 4, promptTokens: 1900, completionTokens: 800 });
  });

  it("writes in the configured language with the zh preset, under a zh cache key", async () => {
    const result = await run({ papers: [makePaper(1)], ai: { language: "zh" } });
    const system = server.requests()[0]?.messages[0]?.content ?? "";
    expect(system).toContain("简体中文");
    expect(system).toContain("主要贡献与创新点");
    const summary = result.summaries.get("2604.00001");
    expect(summary?.language).toBe("zh");
    expect(summary?.sections[0]?.heading).toBe("主要贡献与创新点");
    const hash = resolvePrompt({ language: "zh", source: "abstract" }).hash;
    expect(await store.get(summaryCacheKey(makePaper(1), "test-model", hash, "zh"))).toEqual(summary);

    // The English summary is a different cache entry: switching language summarises again.
    server.reset();
    await run({ papers: [makePaper(1)] });
    expect(server.calls()).toBe(1);
  });

  it("uses prompt_file text instead of the built-in instructions", async () => {
    await run({ papers: [makePaper(1)], customPrompt: "请用中文总结这篇论文，分四个部分。" });
    const system = server.requests()[0]?.messages[0]?.content ?? "";
    expect(system.startsWith("请用中文总结这篇论文，分四个部分。\n\nAnswer with one JSON object")).toBe(true);
    expect(system).not.toContain("You summarise research papers");
  });

  it("recomputes for a new paper version or another model, not for the same one", async () => {
    await run({ papers: [makePaper(1)] });
    server.reset();
    await run({ papers: [makePaper(1, { version: 2 })] });
    await run({
      papers: [makePaper(1)],
      llm: { apiKey: server.apiKey, baseUrl: server.baseUrl, model: "other-model" },
    });
    await run({ papers: [makePaper(1)] });
    expect(server.calls()).toBe(2);
  });

  it("stores summaries with the given TTL", async () => {
    let clock = Date.now();
    store = createMemoryStore({ now: () => clock });
    await run({ papers: [makePaper(1)], ttlSeconds: 3600 });
    expect((await storedSummaries(store, [makePaper(1)], "test-model", aiConfig())).size).toBe(1);
    clock += 3601_000;
    expect((await storedSummaries(store, [makePaper(1)], "test-model", aiConfig())).size).toBe(0);
  });

  it("keeps secrets out of errors and logs", async () => {
    server.setBehaviour(() => ({ type: "error", status: 500, message: `key ${server.apiKey} rejected` }));
    const result = await run();
    expect(result.usage.failed).toBe(3);
    const everything = JSON.stringify(result.errors) + logs.join("\n");
    expect(everything).not.toContain(server.apiKey);
    expect(everything).toContain("***");

    const wrongKey = "sk-live-very-secret-value-123";
    const denied = await run({ llm: { apiKey: wrongKey, baseUrl: server.baseUrl, model: "test-model" } });
    expect(denied.errors.map((e) => e.message).join("\n")).toContain("401");
    expect(JSON.stringify(denied) + logs.join("\n")).not.toContain(wrongKey);
  });

  it("redoes a summary whose stored value is unreadable, and keeps the others", async () => {
    await run();
    server.reset();
    const corrupt = (key: string) => key.includes("2604.00002");
    const damaged: Store = {
      ...store,
      get: (key) => (corrupt(key) ? Promise.reject(new StoreDataError(key, "is not JSON")) : store.get(key)),
      getMany: (keys) =>
        keys.some(corrupt)
          ? Promise.reject(new StoreDataError(keys.find(corrupt) ?? "", "is not JSON"))
          : store.getMany(keys),
    };
    const result = await run({ store: damaged });
    expect(server.requests().map((r) => r.paperId)).toEqual(["2604.00002"]);
    expect(result.usage).toMatchObject({ cached: 2, summarised: 1 });
    expect(logs.join("\n")).toContain("is not JSON; it will be rewritten");
  });

  it("survives an unreadable store and a failing store write", async () => {
    const down: Store = { ...store, getMany: () => Promise.reject(new Error("ECONNREFUSED")) };
    const result = await run({ store: down });
    expect(server.calls()).toBe(0);
    expect(result.errors).toEqual([{ id: "*", message: "store unavailable: ECONNREFUSED" }]);
    expect(result.usage.pending).toBe(3);

    const readOnly: Store = { ...store, set: () => Promise.reject(new Error("READONLY")) };
    const written = await run({ store: readOnly });
    expect(written.summaries.size).toBe(3);
    expect(written.errors.map((e) => e.message)).toEqual(Array(3).fill("summary not stored: READONLY"));
  });
});
