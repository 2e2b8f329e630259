import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetSettings } from "../../lib/config/settings.js";
import { type OpenAiServer, type RecordedRequest, startOpenAiServer } from "../helpers/openai-server.js";
import { type Service, startService } from "../helpers/service.js";

// A configuration change (language, model, prompt text) must reach the feeds at the next
// refresh: the whole service, refreshed through its cron endpoint, its feed read over HTTP.

const base = JSON.parse(readFileSync("config.json", "utf8")) as { ai_summary: Record<string, unknown> };
const CUSTOM_MARK = "CUSTOM-PROMPT-7f3a";

let service: Service;
let llm: OpenAiServer;

/** The fake model writes who asked it what into the TL;DR: `echo|<model>|<language>|<prompt>`. */
function echo(request: RecordedRequest) {
  const system = request.messages.find((m) => m.role === "system")?.content ?? "";
  // The answer format names the headings in the summary's language, whatever the instructions.
  const language = system.includes("一句话总结") ? "zh" : "en";
  const prompt = system.includes(CUSTOM_MARK) ? "custom" : "builtin";
  return { type: "json" as const, fields: { tldr: `echo|${request.model}|${language}|${prompt}` } };
}

/** Writes config.json with these `ai_summary` fields and makes the service read it again. */
function configure(ai: Record<string, unknown>): void {
  const config = { ...base, ai_summary: { ...base.ai_summary, ...ai } };
  writeFileSync(join(service.dataDir, "config.json"), JSON.stringify(config));
  resetSettings();
}

/** Refreshes; returns the run's LLM requests and the echo tags of the summarised items. */
async function refresh() {
  const before = llm.calls();
  const { status, body } = await service.refresh();
  expect(status, JSON.stringify(body)).toBe(200);
  const feed = (await (await service.get("/feed.json")).json()) as { items: { content_html: string }[] };
  const tags = feed.items.flatMap((item) => item.content_html.match(/echo\|[^|<]+\|[a-z]+\|[a-z]+/g) ?? []);
  const usage = (body.meta as { llm: { calls: number; cached: number } }).llm;
  return { calls: llm.calls() - before, usage, tags, items: feed.items.length };
}

beforeAll(async () => {
  llm = await startOpenAiServer({ behaviour: echo });
  service = await startService({
    config: { ...base, ai_summary: { ...base.ai_summary, model: "model-a", language: "en" } },
    env: { STORE: "memory", DASHSCOPE_API_KEY: llm.apiKey, OPENAI_BASE_URL: llm.baseUrl },
  });
});
afterAll(async () => {
  await service?.stop();
  await llm?.stop();
});

describe("a summary belongs to the settings that wrote it", () => {
  let first: Awaited<ReturnType<typeof refresh>>;

  it("summarises the day's top papers in English with model-a", async () => {
    first = await refresh();
    expect(first.calls).toBe(15);
    expect(first.tags.length).toBeGreaterThan(0);
    expect(new Set(first.tags)).toEqual(new Set(["echo|model-a|en|builtin"]));
  });

  it("summarises them again after language is set to zh, and the feed shows only the Chinese ones", async () => {
    configure({ model: "model-a", language: "zh" });
    const run = await refresh();
    expect(run.calls).toBe(15);
    expect(run.usage.cached).toBe(0);
    expect(run.tags.length).toBe(first.tags.length);
    expect(new Set(run.tags)).toEqual(new Set(["echo|model-a|zh|builtin"]));
  });

  it("summarises them again for another model", async () => {
    configure({ model: "model-b", language: "zh" });
    const run = await refresh();
    expect(run.calls).toBe(15);
    expect(new Set(run.tags)).toEqual(new Set(["echo|model-b|zh|builtin"]));
  });

  it("summarises them again when the prompt file's text changes", async () => {
    writeFileSync(join(service.dataDir, "prompt.txt"), `${CUSTOM_MARK}: summarise the paper.`);
    configure({ model: "model-b", language: "zh", prompt_file: "prompt.txt" });
    const run = await refresh();
    expect(run.calls).toBe(15);
    expect(new Set(run.tags)).toEqual(new Set(["echo|model-b|zh|custom"]));
  });

  it("switching back to the first settings costs nothing: the stored summaries come back", async () => {
    configure({ model: "model-a", language: "en" });
    const run = await refresh();
    expect(run.calls).toBe(0);
    expect(run.usage.cached).toBe(15);
    expect(run.tags).toEqual(first.tags);
  });

  it("a paper whose new summary failed shows none, not the old settings' summary", async () => {
    configure({ model: "model-c", language: "en" });
    let failed: string | undefined;
    llm.setBehaviour((request) => {
      failed ??= request.paperId;
      return request.paperId === failed
        ? { type: "error", status: 400, message: "bad request" }
        : echo(request);
    });
    const run = await refresh();
    llm.setBehaviour(echo);
    expect(failed).toBeDefined();
    expect(run.tags.length).toBe(first.tags.length - 1);
    expect(new Set(run.tags)).toEqual(new Set(["echo|model-c|en|builtin"]));
    const feed = (await (await service.get("/feed.json")).json()) as {
      items: { id: string; content_html: string }[];
    };
    const item = feed.items.find((i) => i.id.replace(/^.*\/abs\//, "").replace(/v\d+$/, "") === failed);
    expect(item?.content_html).not.toContain("AI summary (by");
  });
});
