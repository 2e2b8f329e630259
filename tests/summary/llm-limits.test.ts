import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { summaryResponseFormat } from "../../lib/summary/answer-schema.js";
import { MAX_ANSWER_BYTES } from "../../lib/summary/bounded-fetch.js";
import { type LlmClientOptions, MAX_ANSWER_TOKENS } from "../../lib/summary/llm-client.js";
import { type OpenAiServer, startOpenAiServer } from "../helpers/openai-server.js";
import { llmFailure, messagesFor, testLlmClient } from "./llm-test-client.js";

let server: OpenAiServer;
beforeEach(async () => {
  server = await startOpenAiServer();
});
afterEach(async () => {
  await server.stop();
});

const client = (overrides: Partial<LlmClientOptions> = {}) =>
  testLlmClient(server, { timeoutMs: 30_000, ...overrides });
const messages = messagesFor(1);

describe("what the LLM can return is capped", () => {
  it("asks for at most MAX_ANSWER_TOKENS tokens", async () => {
    const llm = client();
    await llm.complete(messages);
    expect(server.requests()[0]?.maxTokens).toBe(MAX_ANSWER_TOKENS);
    expect(llm.tokenLimit()).toBe(true);
  });

  it("asks again without max_tokens when the endpoint rejects it, keeps structured output, and remembers", async () => {
    server.setMaxTokens("rejected");
    const llm = client({ responseSchema: summaryResponseFormat() });
    const first = await llm.complete(messages);
    expect(first).toMatchObject({ format: "json", requests: 2 });
    expect(server.requests().map((r) => r.maxTokens)).toEqual([MAX_ANSWER_TOKENS, undefined]);
    expect(server.requests()[1]?.responseFormat).toMatchObject({ type: "json_schema" });
    expect(llm.tokenLimit()).toBe(false);
    expect(llm.structuredOutput()).toBe(true);
    const second = await llm.complete(messages);
    expect(second.requests).toBe(1);
    expect(server.requests()[2]?.maxTokens).toBeUndefined();
  });

  it("stops reading a 150 MB answer at the byte limit, with bounded memory, and does not retry it", async () => {
    server.setBehaviour(() => ({ type: "huge", bytes: 150 * 1024 * 1024 }));
    const heapBefore = process.memoryUsage().heapUsed;
    const error = await llmFailure(client().complete(messages));
    expect(error.message).toContain(`answer larger than ${MAX_ANSWER_BYTES} bytes`);
    expect(error.requests).toBe(1);
    expect(server.calls()).toBe(1);
    // The client hung up a little past the limit: socket buffers, not the 150 MB.
    expect(server.bytesSent()).toBeLessThan(32 * 1024 * 1024);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(100 * 1024 * 1024);
  });

  it("refuses an answer whose Content-Length is past the limit without reading it", async () => {
    server.setBehaviour(() => ({ type: "content", content: "x".repeat(20_000) }));
    const error = await llmFailure(client({ maxAnswerBytes: 10_000 }).complete(messages));
    expect(error.message).toContain("answer larger than 10000 bytes");
    expect(error.message).not.toContain(server.apiKey);
    const ok = await client({ maxAnswerBytes: 100_000 }).complete(messages);
    expect(ok.content).toHaveLength(20_000);
  });
});
