import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryStore } from "../../lib/store/memory.js";
import { summaryCacheKey, summarySettingsId } from "../../lib/summary/cache-key.js";
import { resolvePrompt } from "../../lib/summary/prompt.js";
import { summarisePapers } from "../../lib/summary/summarise.js";
import { type OpenAiServer, startOpenAiServer } from "../helpers/openai-server.js";
import { aiConfig, makePaper } from "./fixtures.js";

const id = (model: string, ai: Parameters<typeof aiConfig>[0] = {}, custom?: string) =>
  summarySettingsId(model, resolvePrompt(aiConfig(ai), custom));

describe("summarySettingsId", () => {
  it("is stable for the same settings and short", () => {
    expect(id("m")).toBe(id("m"));
    expect(id("m")).toMatch(/^[0-9a-f]{12}$/);
  });

  it("changes with the model, the language, the source and the prompt text", () => {
    const all = [
      id("m"),
      id("other-model"),
      id("m", { language: "zh" }),
      id("m", { source: "html" }),
      id("m", {}, "Summarise in three bullets."),
      id("m", {}, "Summarise in four bullets."),
    ];
    expect(new Set(all).size).toBe(all.length);
  });

  it("treats model names as the store key does (whitespace as _)", () => {
    expect(id("my model")).toBe(id("my_model"));
  });
});

describe("summaries carry the settings that wrote them", () => {
  let llm: OpenAiServer;
  beforeAll(async () => {
    llm = await startOpenAiServer();
  });
  afterAll(() => llm?.stop());

  const settings = () => ({ apiKey: llm.apiKey, baseUrl: llm.baseUrl, model: "m" });
  const run = (store = createMemoryStore(), papers = [makePaper(1)]) =>
    summarisePapers({ papers, store, llm: settings(), ai: aiConfig(), deadline: Date.now() + 60_000 });

  it("stamps a new summary, in the result and in the store", async () => {
    const store = createMemoryStore();
    const result = await run(store);
    const stamp = id("m");
    expect(result.summaries.get("2604.00001")?.settingsId).toBe(stamp);
    const prompt = resolvePrompt(aiConfig());
    const stored = await store.get<{ settingsId?: string }>(
      summaryCacheKey(makePaper(1), "m", prompt.hash, prompt.language),
    );
    expect(stored?.settingsId).toBe(stamp);
  });

  it("stamps a summary stored before the stamp existed when its key matches, without a call", async () => {
    const store = createMemoryStore();
    const first = await run(store);
    const prompt = resolvePrompt(aiConfig());
    const key = summaryCacheKey(makePaper(1), "m", prompt.hash, prompt.language);
    const { settingsId: _dropped, ...legacy } = first.summaries.get("2604.00001") ?? {};
    await store.set(key, legacy);
    const calls = llm.calls();
    const again = await run(store);
    expect(llm.calls()).toBe(calls);
    expect(again.usage.cached).toBe(1);
    expect(again.summaries.get("2604.00001")?.settingsId).toBe(id("m"));
  });
});
