import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OpenAiServer, startOpenAiServer, tldrFor } from "../helpers/openai-server.js";
import { type Service, startService } from "../helpers/service.js";
import { assertStrictXml, feedparse, validateAtom, validateJsonFeed } from "../helpers/validate.js";

let service: Service;
let llm: OpenAiServer;

interface JsonFeedItem {
  id: string;
  content_html: string;
  _arxiv: { score: number };
}

beforeAll(async () => {
  llm = await startOpenAiServer();
  // The reference config names DASHSCOPE_API_KEY and DashScope's URL; the environment overrides both.
  service = await startService({
    env: { DASHSCOPE_API_KEY: llm.apiKey, OPENAI_BASE_URL: llm.baseUrl, OPENAI_MODEL: "test-model" },
  });
});
afterAll(async () => {
  await service?.stop();
  await llm?.stop();
});

describe("summaries in every feed", () => {
  it("summarises the day's top 15 once, with the configured key, model and temperature", async () => {
    const { status, body } = await service.refresh();
    expect(status).toBe(200);
    expect(llm.calls()).toBe(15);
    const requests = llm.requests();
    expect(requests.every((r) => r.authorized && r.model === "test-model" && r.temperature === 0.3)).toBe(
      true,
    );
    expect(new Set(requests.map((r) => r.paperId)).size).toBe(15);
    const usage = (body.meta as { llm: { calls: number; promptTokens: number; pending: number } }).llm;
    expect(usage.calls).toBe(15);
    expect(usage.promptTokens).toBeGreaterThan(0);
    expect(usage.pending).toBe(0);
  });

  it("puts each summary, labelled with its model, into JSON Feed, RSS and Atom", async () => {
    const feed = JSON.parse(await (await service.get("/feed.json")).text()) as { items: JsonFeedItem[] };
    validateJsonFeed(feed);
    const summarised = new Set(llm.requests().map((r) => r.paperId));
    const withSummary = feed.items.filter((item) => item.content_html.includes("AI summary (by test-model)"));
    expect(withSummary.length).toBeGreaterThan(0);
    for (const item of withSummary) {
      const id = item.id.replace(/^.*\/abs\//, "").replace(/v\d+$/, "");
      expect(summarised.has(id)).toBe(true);
      expect(item.content_html).toContain(tldrFor(id).slice(0, 30));
    }

    const rss = await (await service.get("/rss")).text();
    assertStrictXml(rss);
    const items = new XMLParser().parse(rss).rss.channel.item as { "content:encoded": string }[];
    expect(items.filter((i) => i["content:encoded"].includes("AI summary (by test-model)")).length).toBe(
      withSummary.length,
    );
    expect((await feedparse(rss)).bozo).toBe(false);

    const atom = await (await service.get("/atom")).text();
    await validateAtom(atom);
    expect(atom.split("AI summary (by test-model)").length - 1).toBe(withSummary.length);
  });

  it("a second refresh the same day makes zero LLM calls and keeps every summary", async () => {
    const before = await (await service.get("/feed.json")).text();
    const calls = llm.calls();
    const { body } = await service.refresh();
    expect(llm.calls()).toBe(calls);
    expect(body.meta).toMatchObject({ status: "ok" });
    const after = JSON.parse(await (await service.get("/feed.json")).text()) as { items: JsonFeedItem[] };
    const beforeItems = (JSON.parse(before) as { items: JsonFeedItem[] }).items;
    expect(after.items.map((i) => i.content_html)).toEqual(beforeItems.map((i) => i.content_html));
  });
});
