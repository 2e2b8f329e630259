import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from "openai";
import { parseRetryAfter } from "../arxiv/retry-after.js";
import { machineNow } from "../clock.js";
import {
  type Attempt,
  type EndpointSupport,
  firstAttempt,
  formatOf,
  learnFromSuccess,
  stepDown,
} from "./answer-mode.js";
import type { summaryResponseFormat } from "./answer-schema.js";
import { boundedFetch, isAnswerTooLarge, MAX_ANSWER_BYTES } from "./bounded-fetch.js";
import type { ChatMessage, OutputFormat } from "./prompt.js";
import { redactSecrets, safeUrl } from "./redact.js";

/** How to reach an OpenAI-compatible chat completions endpoint. */
export interface LlmClientOptions {
  apiKey: string;
  /** Base URL of the API (`https://api.openai.com/v1`); `/chat/completions` is appended. */
  baseUrl: string;
  model: string;
  temperature: number;
  /** Per-request timeout, milliseconds. */
  timeoutMs: number;
  /** Retries after the first request on 429, 408/409, 5xx, timeouts and connection errors. */
  maxRetries: number;
  /** Backoff before retry n (0-based) when the server names no delay: base × 2ⁿ, ±25 %, ms. Default 500. */
  baseDelayMs?: number;
  /** Longest `retry-after` honoured, ms; a longer one ends the retries. Default 60 000. */
  maxRetryDelayMs?: number;
  /** `fetch` used by the SDK (default: the global one). */
  fetch?: typeof fetch;
  /** Clock, epoch ms. */
  now?: () => number;
  /**
   * Structured output to ask for first (`response_format: json_schema`); an endpoint that rejects
   * it is asked in JSON mode instead, and one that rejects that too in Markdown.
   */
  responseSchema?: ReturnType<typeof summaryResponseFormat>;
  /**
   * `max_tokens` sent with each request (default MAX_ANSWER_TOKENS); an endpoint whose 400/422
   * names it is asked again without it, like a rejected `response_format`, and then never again.
   */
  maxTokens?: number;
  /** Largest answer body read, bytes (default MAX_ANSWER_BYTES); a larger one fails, unread. */
  maxAnswerBytes?: number;
}

/** Tokens an answer may take: a summary needs about 500; a looping model is stopped well past that. */
export const MAX_ANSWER_TOKENS = 2048;

/** One successful completion. */
export interface Completion {
  content: string;
  /** The format the answer was asked in. */
  format: OutputFormat;
  promptTokens: number;
  completionTokens: number;
  /** HTTP requests made for it, retries and a JSON-mode fallback included. */
  requests: number;
}

/** A completion that could not be had; the message names the endpoint and status, never a secret. */
export class LlmCallError extends Error {
  override readonly name = "LlmCallError";
  /** HTTP status, when the server answered. */
  readonly status: number | undefined;
  /** HTTP requests made before giving up. */
  readonly requests: number;
  constructor(message: string, options: { status?: number; requests: number; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.status = options.status;
    this.requests = options.requests;
  }
}

/** Options of one completion. */
export interface CompleteOptions {
  /** Epoch ms after which no retry starts. */
  deadline?: number;
}

/** Chat completions with bounded retries, asking for structured output, JSON mode or Markdown. */
export interface LlmClient {
  readonly model: string;
  /** Whether the endpoint accepts `response_format: json_object`; undefined until a call shows it. */
  jsonMode(): boolean | undefined;
  /** Whether it accepts the structured-output schema; undefined until a call shows it (or none is set). */
  structuredOutput(): boolean | undefined;
  /** Whether it accepts `max_tokens`; undefined until a call shows it. */
  tokenLimit(): boolean | undefined;
  /**
   * Asks for a completion. `messages` builds the prompt for the format in use: JSON while the
   * endpoint may support it, Markdown once it rejected `response_format` with a 400/422.
   */
  complete(messages: (format: OutputFormat) => ChatMessage[], options?: CompleteOptions): Promise<Completion>;
}

function isRetryable(error: unknown): boolean {
  if (error instanceof APIConnectionError) return true; // includes timeouts
  if (!(error instanceof APIError) || error.status === undefined) return false;
  if (error.status === 429) return error.code !== "insufficient_quota"; // out of credit: waiting won't help
  return error.status === 408 || error.status === 409 || error.status >= 500;
}

/** The delay a response asks for (`retry-after-ms`, then `retry-after` seconds or date), ms. */
export function retryAfterMs(headers: Headers | undefined, now: number): number | undefined {
  const ms = Number.parseFloat(headers?.get("retry-after-ms") ?? "");
  if (Number.isFinite(ms) && ms >= 0) return ms;
  return parseRetryAfter(headers?.get("retry-after") ?? null, now);
}

function describe(error: unknown, timeoutMs: number): string {
  if (isAnswerTooLarge(error)) return (error.cause instanceof Error ? error.cause : error).message;
  if (error instanceof APIConnectionTimeoutError) return `timed out after ${timeoutMs} ms`;
  if (error instanceof APIConnectionError) {
    const cause = error.cause as { code?: string; cause?: { code?: string } } | undefined;
    const code = cause?.code ?? cause?.cause?.code;
    return `connection failed${code ? ` (${code})` : ""}`;
  }
  if (error instanceof Error) return error.message.slice(0, 300);
  return String(error).slice(0, 300);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** When to retry a failed request. */
interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxRetryDelayMs: number;
  now: () => number;
}

/** After a failure that is no step down: wait this long and retry, or give up (saying why in `note`). */
type RetryDecision = { retry: true; delayMs: number } | { retry: false; note: string };

function retryDecision(
  error: unknown,
  attempt: Attempt,
  policy: RetryPolicy,
  deadline: number | undefined,
): RetryDecision {
  if (isAnswerTooLarge(error) || !isRetryable(error) || attempt.retries >= policy.maxRetries) {
    return { retry: false, note: "" };
  }
  const asked = retryAfterMs(error instanceof APIError ? error.headers : undefined, policy.now());
  if (asked !== undefined && asked > policy.maxRetryDelayMs) {
    return { retry: false, note: `; server asked to wait ${Math.round(asked / 1000)} s` };
  }
  const delayMs = asked ?? policy.baseDelayMs * 2 ** attempt.retries * (1 - Math.random() * 0.25);
  if (deadline !== undefined && policy.now() + delayMs >= deadline) {
    return { retry: false, note: "; no time left to retry" };
  }
  return { retry: true, delayMs };
}

/** The SDK client; its own retries are off. Explicit nulls keep it from reading OPENAI_ORG_ID & co. */
function sdkFor(options: LlmClientOptions): OpenAI {
  return new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseUrl,
    organization: null,
    project: null,
    adminAPIKey: null,
    webhookSecret: null,
    timeout: options.timeoutMs,
    maxRetries: 0,
    logLevel: "off",
    fetch: boundedFetch(options.fetch ?? fetch, options.maxAnswerBytes ?? MAX_ANSWER_BYTES),
  });
}

/** The request of one try: `max_tokens` while limited, `response_format` by mode. */
function requestFor(options: LlmClientOptions, attempt: Attempt, messages: ChatMessage[]) {
  const { mode } = attempt;
  return {
    model: options.model,
    temperature: options.temperature,
    messages,
    ...(attempt.limited ? { max_tokens: options.maxTokens ?? MAX_ANSWER_TOKENS } : {}),
    ...(mode === "schema" && options.responseSchema ? { response_format: options.responseSchema } : {}),
    ...(mode === "object" ? { response_format: { type: "json_object" as const } } : {}),
  };
}

function completionOf(
  response: OpenAI.Chat.Completions.ChatCompletion,
  format: OutputFormat,
  requests: number,
): Completion {
  return {
    content: response.choices[0]?.message?.content ?? "",
    format,
    promptTokens: response.usage?.prompt_tokens ?? 0,
    completionTokens: response.usage?.completion_tokens ?? 0,
    requests,
  };
}

/** Creates a client. The SDK's own retries are off: every retry is this client's, and counted. */
export function createLlmClient(options: LlmClientOptions): LlmClient {
  const policy: RetryPolicy = {
    maxRetries: options.maxRetries,
    baseDelayMs: options.baseDelayMs ?? 500,
    maxRetryDelayMs: options.maxRetryDelayMs ?? 60_000,
    now: options.now ?? machineNow,
  };
  const endpoint = `POST ${safeUrl(options.baseUrl)}/chat/completions`;
  const sdk = sdkFor(options);
  const support: EndpointSupport = { json: undefined, schema: undefined, tokens: undefined };

  const fail = (error: unknown, requests: number, note = ""): LlmCallError => {
    const status = error instanceof APIError ? error.status : undefined;
    const tries = requests > 1 ? ` after ${requests} requests` : "";
    const message = redactSecrets(`${endpoint}: ${describe(error, options.timeoutMs)}${tries}${note}`, [
      options.apiKey,
    ]);
    return new LlmCallError(message, { ...(status === undefined ? {} : { status }), requests, cause: error });
  };

  return {
    model: options.model,
    jsonMode: () => support.json,
    structuredOutput: () => support.schema,
    tokenLimit: () => support.tokens,
    async complete(messages, completeOptions = {}) {
      const attempt = firstAttempt(support, options.responseSchema !== undefined);
      for (;;) {
        attempt.requests++;
        const format = formatOf(attempt.mode);
        try {
          const response = await sdk.chat.completions.create(requestFor(options, attempt, messages(format)));
          learnFromSuccess(support, attempt);
          return completionOf(response, format, attempt.requests);
        } catch (error) {
          if (stepDown(support, attempt, error)) continue;
          const decision = retryDecision(error, attempt, policy, completeOptions.deadline);
          if (!decision.retry) throw fail(error, attempt.requests, decision.note);
          attempt.retries++;
          await sleep(decision.delayMs);
        }
      }
    },
  };
}
