import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OpenAiServer, startOpenAiServer } from "../helpers/openai-server.js";
import { type Service, startService } from "../helpers/service.js";
import { assertStrictXml, feedparse, validateAtom, validateJsonFeed } from "../helpers/validate.js";

let service: Service;
let llm: OpenAiServer;
let failing: string | undefined;

beforeAll(async () => {
  llm = await startOpenAiServer();
  service = await startService({
    env: { DASHSCOPE_API_KEY: llm.apiKey, OPENAI_BASE_URL: llm.baseUrl, OPENAI_MODEL: "hostile-model" },
  });
});
afterAll(async () => {
  await service?.stop();
  await llm?.stop();
});

const FEED_PATHS = ["/rss", "/atom", "/feed.json", "/rss/cs.LG", "/atom/cs.DC", "/feed/cs.CL.json"];

describe("hostile and failing LLM answers", () => {
  it("sanitises hostile summaries, isolates a failing paper, and every feed stays valid", async () => {
    llm.setBehaviour((request) => {
      failing ??= request.paperId;
      return request.paperId === failing ? { type: "error", status: 500 } : { type: "hostile" };
    });
    const { status, body } = await service.refresh();
    expect(status).toBe(200);
    const usage = (body.meta as { llm: { failed: number; calls: number } }).llm;
    expect(usage.failed).toBe(1);
    // The failing paper was retried, but boundedly (ai_summary.max_retries = 2 → 3 attempts).
    expect(llm.callsFor(failing ?? "")).toBe(3);

    for (const path of FEED_PATHS) {
      const text = await (await service.get(path)).text();
      expect(text, path).toContain("AI summary (by hostile-model)");
      expect(text, path).not.toMatch(/<script|onerror|javascript:|<iframe|<style/i);
      if (path.endsWith(".json")) validateJsonFeed(text);
      else {
        assertStrictXml(text);
        expect((await feedparse(text)).bozo, path).toBe(false);
        if (path.startsWith("/atom")) await validateAtom(text);
      }
    }
  });

  it("retries the failed paper on the next run, and only that one", async () => {
    llm.setBehaviour(() => undefined);
    const before = llm.calls();
    const { body } = await service.refresh();
    expect(llm.calls() - before).toBe(1);
    expect(llm.requests().at(-1)?.paperId).toBe(failing);
    expect((body.meta as { llm: { failed: number } }).llm.failed).toBe(0);
  });

  it("an LLM that disappears mid-run: what was done is kept, the rest waits, the refresh succeeds", async () => {
    const before = llm.calls();
    // A fresh store and a new model: every paper needs a summary; after three answers the
    // endpoint hangs up.
    await service.stop();
    service = await startService({
      env: { DASHSCOPE_API_KEY: llm.apiKey, OPENAI_BASE_URL: llm.baseUrl, OPENAI_MODEL: "midrun-model" },
    });
    llm.setBehaviour((request) => (request.n - before > 3 ? { type: "hang-up" } : undefined));
    const { status, body } = await service.refresh();
    expect(status).toBe(200);
    expect(body.status).toBe("ok");
    const usage = (body.meta as { llm: { failed: number; summarised?: number } }).llm;
    expect(usage.summarised).toBe(3);
    expect(usage.failed).toBe(12);
    const feed = JSON.parse(await (await service.get("/feed.json")).text()) as {
      items: { content_html: string }[];
    };
    expect(
      feed.items.filter((i) => i.content_html.includes("AI summary (by midrun-model)")).length,
    ).toBeGreaterThan(0);
    llm.setBehaviour(() => undefined);
  });

  it("an LLM that has vanished never fails the refresh; papers go out without summaries", async () => {
    const deadUrl = llm.baseUrl;
    await llm.stop();
    await service.stop();
    service = await startService({
      env: { DASHSCOPE_API_KEY: "sk-dead", OPENAI_BASE_URL: deadUrl, OPENAI_MODEL: "gone-model" },
    });
    const { status, body } = await service.refresh();
    expect(status).toBe(200);
    expect(body.status).toBe("ok");
    const usage = (body.meta as { llm: { failed: number; calls: number } }).llm;
    expect(usage.failed).toBe(15);
    const text = await (await service.get("/feed.json")).text();
    validateJsonFeed(text);
    const feed = JSON.parse(text) as { items: { content_html: string }[] };
    expect(feed.items.length).toBeGreaterThan(0);
    expect(feed.items.some((i) => i.content_html.includes("AI summary"))).toBe(false);
    expect(JSON.stringify(body)).not.toContain("sk-dead");
  });
});
