import { createLlmClient, LlmCallError, type LlmClientOptions } from "../../lib/summary/llm-client.js";
import { buildMessages, resolvePrompt } from "../../lib/summary/prompt.js";
import type { OpenAiServer } from "../helpers/openai-server.js";
import { makePaper } from "./fixtures.js";

/** An LLM client for the loopback server, with fast backoff; tests override what they vary. */
export const testLlmClient = (server: OpenAiServer, overrides: Partial<LlmClientOptions> = {}) =>
  createLlmClient({
    apiKey: server.apiKey,
    baseUrl: server.baseUrl,
    model: "test-model",
    temperature: 0.3,
    timeoutMs: 2000,
    maxRetries: 2,
    baseDelayMs: 10,
    ...overrides,
  });

const spec = resolvePrompt({ language: "en", source: "abstract" });
/** The messages for test paper `n`, in the format the client asks for. */
export const messagesFor = (n: number) => (format: "json" | "markdown") =>
  buildMessages(spec, makePaper(n), { kind: "abstract", text: "An abstract." }, format);

/** The LlmCallError `promise` rejects with (anything else fails the test). */
export async function llmFailure(promise: Promise<unknown>): Promise<LlmCallError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof LlmCallError)) throw new Error(`expected LlmCallError, got ${String(error)}`);
  return error;
}
