import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OpenAiServer, startOpenAiServer } from "../helpers/openai-server.js";
import { type Service, startService } from "../helpers/service.js";
import { feedparse } from "../helpers/validate.js";

/*
 * A reader subscribed to one category, read through feedparser after a refresh with summaries
 * (a loopback LLM): the feed's own top items are summarised and every summarised item opens with
 * its TL;DR, within the configured daily budget.
 */
let service: Service;
let llm: OpenAiServer;
const CATEGORIES = ["cs.AI", "cs.CL", "cs.DC", "cs.LG"];

beforeAll(async () => {
  llm = await startOpenAiServer();
  service = await startService({
    env: { DASHSCOPE_API_KEY: llm.apiKey, OPENAI_BASE_URL: llm.baseUrl, OPENAI_MODEL: "test-model" },
  });
  expect((await service.refresh()).status).toBe(200);
});
afterAll(async () => {
  await service?.stop();
  await llm?.stop();
});

describe("summaries in single-category feeds, as feedparser reads them", () => {
  it("summarise each category feed's top 3 items, with 15 calls in all (config.json's budget)", async () => {
    expect(llm.calls()).toBe(15);
    for (const category of CATEGORIES) {
      const parsed = await feedparse(await (await service.get(`/rss/${category}`)).text());
      expect(parsed.bozo, category).toBe(false);
      const summarised = parsed.entries.map((entry) =>
        entry.content.startsWith("<p><strong>TL;DR:</strong>"),
      );
      expect(summarised.slice(0, 3), category).toEqual([true, true, true]);
      for (const entry of parsed.entries) {
        expect(entry.content.includes("AI summary (by"), entry.title).toBe(
          entry.content.startsWith("<p><strong>TL;DR:</strong>"),
        );
      }
    }
  });
});
