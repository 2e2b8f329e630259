import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SummaryAnswerSchema, summaryResponseFormat } from "../../lib/summary/answer-schema.js";
import { createLlmClient, type LlmClientOptions, retryAfterMs } from "../../lib/summary/llm-client.js";
import { fieldsFor, type OpenAiServer, startOpenAiServer } from "../helpers/openai-server.js";
import { llmFailure, messagesFor, testLlmClient } from "./llm-test-client.js";

let server: OpenAiServer;
beforeEach(async () => {
  server = await startOpenAiServer();
});
afterEach(async () => {
  await server.stop();
});

const client = (overrides: Partial<LlmClientOptions> = {}) => testLlmClient(server, overrides);

describe("llm client", () => {
  it("asks in JSON mode with the model, temperature and bearer key, and reports usage", async () => {
    const llm = client();
    const result = await llm.complete(messagesFor(1));
    expect(result).toMatchObject({ format: "json", promptTokens: 120, completionTokens: 80, requests: 1 });
    expect(JSON.parse(result.content)).toEqual(fieldsFor("2604.00001"));
    const [request] = server.requests();
    expect(request).toMatchObject({
      authorized: true,
      model: "test-model",
      temperature: 0.3,
      path: "/v1/chat/completions",
    });
    expect(request?.responseFormat).toEqual({ type: "json_object" });
    expect(llm.jsonMode()).toBe(true);
  });

  it("falls back to Markdown when response_format is rejected, and remembers it", async () => {
    server.setJsonMode("rejected");
    const llm = client({ maxRetries: 0 });
    const first = await llm.complete(messagesFor(1));
    expect(first).toMatchObject({ format: "markdown", requests: 2 });
    expect(first.content).toContain("## Problem and contribution");
    expect(llm.jsonMode()).toBe(false);
    const second = await llm.complete(messagesFor(2));
    expect(second).toMatchObject({ format: "markdown", requests: 1 });
    expect(server.requests().map((r) => r.responseFormat !== undefined)).toEqual([true, false, false]);
    expect(server.requests()[1]?.messages[0]?.content).toContain("Answer in Markdown");
  });

  it("asks for structured output (a strict JSON schema) first when given one", async () => {
    const llm = client({ responseSchema: summaryResponseFormat() });
    const result = await llm.complete(messagesFor(1));
    expect(result).toMatchObject({ format: "json", requests: 1 });
    expect(SummaryAnswerSchema.parse(JSON.parse(result.content))).toEqual(fieldsFor("2604.00001"));
    const format = server.requests()[0]?.responseFormat as ReturnType<typeof summaryResponseFormat>;
    expect(format.type).toBe("json_schema");
    expect(format.json_schema).toMatchObject({ name: "paper_summary", strict: true });
    expect(format.json_schema.schema).toMatchObject({
      type: "object",
      required: ["tldr", "problem", "method", "results", "limitations"],
      additionalProperties: false,
    });
    expect(llm.structuredOutput()).toBe(true);
  });

  it("steps down to JSON mode when the endpoint rejects the schema, and remembers it", async () => {
    server.setJsonMode("object-only");
    const llm = client({ responseSchema: summaryResponseFormat(), maxRetries: 0 });
    expect(await llm.complete(messagesFor(1))).toMatchObject({ format: "json", requests: 2 });
    expect(await llm.complete(messagesFor(2))).toMatchObject({ format: "json", requests: 1 });
    expect(server.requests().map((r) => (r.responseFormat as { type: string }).type)).toEqual([
      "json_schema",
      "json_object",
      "json_object",
    ]);
    expect(llm.structuredOutput()).toBe(false);
    expect(llm.jsonMode()).toBe(true);
  });

  it("a one-off rejection in one call does not undo structured output another call proved", async () => {
    // Paper 1's schema request is refused once and its JSON-mode retry is slow; paper 2's schema
    // request succeeds meanwhile. The client must keep structured output on.
    server.setBehaviour((req) => {
      if (req.paperId !== "2604.00001") return undefined;
      const type = (req.responseFormat as { type?: string } | undefined)?.type;
      return type === "json_schema" ? { type: "error", status: 400 } : { type: "slow", delayMs: 300 };
    });
    const llm = client({ responseSchema: summaryResponseFormat(), maxRetries: 0 });
    const [first, second] = await Promise.all([llm.complete(messagesFor(1)), llm.complete(messagesFor(2))]);
    expect(first).toMatchObject({ format: "json", requests: 2 });
    expect(second).toMatchObject({ format: "json", requests: 1 });
    expect(llm.structuredOutput()).toBe(true);
  });

  it("steps down twice, to Markdown, when the endpoint takes no response_format at all", async () => {
    server.setJsonMode("rejected");
    const llm = client({ responseSchema: summaryResponseFormat(), maxRetries: 0 });
    const first = await llm.complete(messagesFor(1));
    expect(first).toMatchObject({ format: "markdown", requests: 3 });
    expect(llm.jsonMode()).toBe(false);
    expect(await llm.complete(messagesFor(2))).toMatchObject({ format: "markdown", requests: 1 });
  });

  it("does not blame JSON mode for a 400 that Markdown gets too", async () => {
    server.setBehaviour(() => ({ type: "error", status: 400, message: "context too long" }));
    const llm = client();
    const error = await llmFailure(llm.complete(messagesFor(1)));
    expect(error.status).toBe(400);
    expect(error.requests).toBe(2);
    expect(error.message).toContain("context too long");
    expect(llm.jsonMode()).toBeUndefined();
  });

  it("retries 429 and 5xx, bounded by maxRetries", async () => {
    server.setBehaviour((req) =>
      req.attempt <= 2 ? { type: "error", status: req.attempt === 1 ? 503 : 500 } : undefined,
    );
    const ok = await client({ maxRetries: 2 }).complete(messagesFor(1));
    expect(ok.requests).toBe(3);

    server.reset();
    server.setBehaviour(() => ({ type: "rate-limit", retryAfterMs: "5" }));
    const error = await llmFailure(client({ maxRetries: 2 }).complete(messagesFor(1)));
    expect(server.calls()).toBe(3);
    expect(error).toMatchObject({ status: 429, requests: 3 });
    expect(error.message).toMatch(
      /^POST http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions: 429 .*after 3 requests$/,
    );

    server.reset();
    await llmFailure(client({ maxRetries: 0 }).complete(messagesFor(1)));
    expect(server.calls()).toBe(1);
  });

  it("honours retry-after (seconds) and retry-after-ms", async () => {
    server.setBehaviour((req) => (req.attempt === 1 ? { type: "rate-limit", retryAfter: "1" } : undefined));
    let started = Date.now();
    await client({ baseDelayMs: 0 }).complete(messagesFor(1));
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);

    server.setBehaviour((req) =>
      req.attempt === 1 ? { type: "rate-limit", retryAfterMs: "300", retryAfter: "5" } : undefined,
    );
    started = Date.now();
    await client({ baseDelayMs: 0 }).complete(messagesFor(2));
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(280);
    expect(waited).toBeLessThan(2000);
  });

  it("gives up at once when the server asks for a longer wait than allowed or the deadline is near", async () => {
    server.setBehaviour(() => ({ type: "rate-limit", retryAfter: "120" }));
    const tooLong = await llmFailure(client({ maxRetryDelayMs: 60_000 }).complete(messagesFor(1)));
    expect(tooLong.requests).toBe(1);
    expect(tooLong.message).toContain("server asked to wait 120 s");

    server.setBehaviour(() => ({ type: "rate-limit", retryAfter: "1" }));
    const late = await llmFailure(client().complete(messagesFor(2), { deadline: Date.now() + 500 }));
    expect(late.requests).toBe(1);
    expect(late.message).toContain("no time left to retry");
  });

  it("does not retry errors that will not get better", async () => {
    server.setBehaviour(() => ({
      type: "error",
      status: 429,
      code: "insufficient_quota",
      message: "You exceeded your quota",
    }));
    expect((await llmFailure(client().complete(messagesFor(1)))).requests).toBe(1);
    server.setBehaviour(() => ({ type: "error", status: 404, message: "model not found" }));
    expect((await llmFailure(client().complete(messagesFor(2)))).requests).toBe(1);
  });

  it("times out slow responses and retries them, bounded", async () => {
    server.setBehaviour(() => ({ type: "slow", delayMs: 10_000 }));
    const started = Date.now();
    const error = await llmFailure(client({ timeoutMs: 500, maxRetries: 1 }).complete(messagesFor(1)));
    expect(error.message).toContain("timed out after 500 ms");
    expect(error.requests).toBe(2);
    expect(server.calls()).toBe(2);
    // Two timed-out attempts, not the server's 10 s each.
    expect(Date.now() - started).toBeLessThan(8000);

    server.reset();
    server.setBehaviour((req) => (req.attempt === 1 ? { type: "slow", delayMs: 10_000 } : undefined));
    // The quick second attempt has 2 s, so a loaded machine does not time it out too.
    expect((await client({ timeoutMs: 2000, maxRetries: 1 }).complete(messagesFor(2))).requests).toBe(2);
  });

  it("retries dropped connections", async () => {
    server.setBehaviour((req) => (req.attempt === 1 ? { type: "hang-up" } : undefined));
    expect((await client().complete(messagesFor(1))).requests).toBe(2);
  });

  it("never puts the key in an error, even when the server echoes it", async () => {
    const wrong = await llmFailure(client({ apiKey: "sk-wrong-key-0123456789" }).complete(messagesFor(1)));
    expect(wrong.status).toBe(401);
    expect(wrong.requests).toBe(1);
    expect(server.requests()[0]?.authorized).toBe(false);

    server.setBehaviour(() => ({
      type: "error",
      status: 400,
      message: `bad request for key ${server.apiKey} (Bearer ${server.apiKey})`,
    }));
    const echoed = await llmFailure(client().complete(messagesFor(2)));
    expect(echoed.message).not.toContain(server.apiKey);
    expect(echoed.message).toContain("***");

    const withCredentials = await llmFailure(
      createLlmClient({
        apiKey: server.apiKey,
        baseUrl: `http://user:pass@127.0.0.1:1/v1?key=${server.apiKey}`,
        model: "m",
        temperature: 0,
        timeoutMs: 500,
        maxRetries: 0,
      }).complete(messagesFor(3)),
    );
    expect(withCredentials.message).toMatch(
      /^POST http:\/\/127\.0\.0\.1:1\/v1\/chat\/completions: connection failed/,
    );
    expect(withCredentials.message).not.toMatch(/pass|key=/);
  });

  it("reads retry-after headers", () => {
    const now = Date.parse("2026-04-27T00:00:00Z");
    expect(retryAfterMs(new Headers({ "retry-after": "2" }), now)).toBe(2000);
    expect(retryAfterMs(new Headers({ "retry-after-ms": "150", "retry-after": "2" }), now)).toBe(150);
    expect(retryAfterMs(new Headers({ "retry-after": "Mon, 27 Apr 2026 00:00:03 GMT" }), now)).toBe(3000);
    expect(retryAfterMs(new Headers({ "retry-after": "soon" }), now)).toBeUndefined();
    expect(retryAfterMs(undefined, now)).toBeUndefined();
  });
});
