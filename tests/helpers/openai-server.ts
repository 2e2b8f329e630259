/**
 * A scriptable OpenAI-compatible chat completions server on loopback, for tests and benches
 * that must not touch the network.
 *
 * ```ts
 * const llm = await startOpenAiServer();                 // JSON or Markdown answers, 120+80 tokens each
 * settings.llm = { apiKey: llm.apiKey, baseUrl: llm.baseUrl, model: "test-model" };
 * llm.setBehaviour((req) => (req.paperId === "2601.00002" && req.attempt === 1
 *   ? { type: "rate-limit", retryAfter: "1" } : undefined));      // undefined: the default answer
 * …
 * expect(llm.calls()).toBe(3);
 * expect(llm.requests()[0]?.temperature).toBe(0.3);
 * await llm.stop();
 * ```
 *
 * Serves `POST /v1/chat/completions` and `POST /chat/completions`, and `POST /v1/embeddings` (and
 * `/embeddings`) with vectors that carry meaning (`fakeEmbedding`), recorded apart
 * (`embeddingRequests()`, `setEmbeddingBehaviour`; see fake-embeddings.ts). Every request is checked for
 * `Authorization: Bearer <apiKey>` (401 otherwise), counted and recorded. The paper is read from
 * the prompt's `arXiv: <id>v<n>` line. The default answer is a JSON object when the request has
 * `response_format` (and `jsonMode` is `supported`), a Markdown summary otherwise; its text
 * names the paper (`tldrFor(id)`), so a test can tell which answer went where.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  answerEmbeddings,
  type EmbeddingBehaviourFn,
  type EmbeddingRequest,
  embeddingRequestOf,
} from "./fake-embeddings.js";

/** Token counts the server reports in `usage`. */
export interface FakeUsage {
  prompt_tokens: number;
  completion_tokens: number;
}

/** The five fields of a structured summary. */
export type SummaryFields = Record<"tldr" | "problem" | "method" | "results" | "limitations", string>;

/** What one request received, in arrival order. */
export interface RecordedRequest {
  /** 1-based position among all completion requests. */
  n: number;
  path: string;
  /** Whether it carried the right bearer key. */
  authorized: boolean;
  model: string | undefined;
  temperature: number | undefined;
  /** `response_format` as sent (undefined when absent). */
  responseFormat: unknown;
  /** `max_tokens` (or `max_completion_tokens`) as sent (undefined when absent). */
  maxTokens: unknown;
  messages: { role: string; content: string }[];
  /** From the prompt's `arXiv: <id>v<n>` line. */
  paperId: string | undefined;
  /** 1-based: requests for this paper so far, this one included (for "fail once, then succeed"). */
  attempt: number;
  body: unknown;
}

/** How to answer one request. `undefined` from a behaviour function means `{ type: "default" }`. */
export type Behaviour =
  /** JSON if `response_format` was sent (and JSON mode is supported), else Markdown. */
  | { type: "default"; usage?: FakeUsage }
  /** A JSON object as the content (fields default to `fieldsFor(paperId)`). */
  | { type: "json"; fields?: Partial<SummaryFields>; usage?: FakeUsage }
  /** Markdown as the content (default: `markdownFor(paperId)`). */
  | { type: "markdown"; text?: string; usage?: FakeUsage }
  /** Exactly this content. */
  | { type: "content"; content: string; usage?: FakeUsage }
  /** `HOSTILE_FIELDS` as JSON or Markdown (as `default` chooses). */
  | { type: "hostile"; usage?: FakeUsage }
  /** An HTTP error with an OpenAI-style error body. */
  | { type: "error"; status: number; message?: string; code?: string; headers?: Record<string, string> }
  /** 429 with `retry-after` (seconds) and/or `retry-after-ms`. */
  | { type: "rate-limit"; retryAfter?: string; retryAfterMs?: string }
  /** Waits, then answers with `then` (default answer when absent); a client that timed out gets nothing. */
  | { type: "slow"; delayMs: number; then?: Behaviour }
  /** Closes the connection without an answer. */
  | { type: "hang-up" }
  /** A 200 whose content is `bytes` long, streamed without Content-Length (stops when the client hangs up). */
  | { type: "huge"; bytes: number };

/** The behaviours that answer 200 with a completion. */
type Answering = Extract<Behaviour, { type: "default" | "json" | "markdown" | "content" | "hostile" }>;

/** Chooses the behaviour for a request. */
export type BehaviourFn = (request: RecordedRequest) => Behaviour | undefined;

export interface OpenAiServerOptions {
  /** The key clients must send (default: a random `sk-test-…`). */
  apiKey?: string;
  /**
   * `supported` (default): JSON answers when `response_format` is sent (structured output or JSON
   * mode); `object-only`: JSON mode only, a `json_schema` format gets a 400; `rejected`: any
   * request with `response_format` gets a 400 (as some providers answer); `ignored`: Markdown
   * regardless.
   */
  jsonMode?: "supported" | "object-only" | "rejected" | "ignored";
  /** `rejected`: a request with `max_tokens` gets a 400 naming it, as OpenAI's newer models answer. */
  maxTokens?: "supported" | "rejected";
  /** Reported per answer (default 120 prompt + 80 completion tokens). */
  usage?: FakeUsage;
  behaviour?: BehaviourFn;
  /** How `/embeddings` requests are answered (default: the vectors). */
  embeddingBehaviour?: EmbeddingBehaviourFn;
}

export interface OpenAiServer {
  /** `http://127.0.0.1:<port>/v1`, what `ai_summary.base_url` / the SDK's `baseURL` takes. */
  baseUrl: string;
  apiKey: string;
  /** Completion requests received (errors, retries and unauthorised ones included). */
  calls(): number;
  /** Completion requests for one paper. */
  callsFor(paperId: string): number;
  requests(): readonly RecordedRequest[];
  setBehaviour(fn: BehaviourFn | undefined): void;
  setJsonMode(mode: NonNullable<OpenAiServerOptions["jsonMode"]>): void;
  setMaxTokens(mode: NonNullable<OpenAiServerOptions["maxTokens"]>): void;
  /** `/embeddings` requests received (not counted in `calls()`). */
  embeddingRequests(): readonly EmbeddingRequest[];
  setEmbeddingBehaviour(fn: EmbeddingBehaviourFn | undefined): void;
  /** Bytes of answer bodies written so far (a client that stops reading keeps this small). */
  bytesSent(): number;
  /** Forgets recorded requests and per-paper attempt counts. */
  reset(): void;
  stop(): Promise<void>;
}

/** The default TL;DR for a paper (so tests can check which answer a paper got). */
export const tldrFor = (paperId: string | undefined) =>
  `Paper ${paperId ?? "unknown"} makes LLM inference faster.`;

/** The default summary fields for a paper. */
export function fieldsFor(paperId: string | undefined): SummaryFields {
  return {
    tldr: tldrFor(paperId),
    problem: `Serving large models is slow; ${paperId ?? "the paper"} proposes **speculative decoding** with a small draft model.`,
    method: "- Draft model: 1B parameters\n- Benchmarks: MT-Bench, GSM8K\n- Baseline: vanilla decoding",
    results: "2.1x speed-up at equal quality; ablations show the draft size matters.",
    limitations: "Only tested on one GPU type.",
  };
}

/** The default Markdown answer: a TL;DR line and four `##` sections. */
export function markdownFor(paperId: string | undefined): string {
  const f = fieldsFor(paperId);
  return `TL;DR: ${f.tldr}\n\n## Problem and contribution\n${f.problem}\n\n## Method and setup\n${f.method}\n\n## Key results\n${f.results}\n\n## Limitations\n${f.limitations}\n`;
}

/** A prompt-injected model's answer: script, event handlers, bad URLs, CDATA end, control characters. */
export const HOSTILE_FIELDS: SummaryFields = {
  tldr: "Great paper <script>alert('tldr')</script> ]]> end\u0000\u0007",
  problem:
    '<script>alert(1)</script><img src=x onerror=alert(2)> <iframe src="https://evil.example"></iframe>' +
    '<style>body{display:none}</style><b onclick="steal()">bold</b> <svg onload=alert(3)></svg>',
  method:
    "[click me](javascript:alert(4)) [data](data:text/html;base64,PHNjcmlwdD5hbGVydCg1KTwvc2NyaXB0Pg==) " +
    '<a href="JaVaScRiPt:alert(6)">x</a> <a href="jav&#x61;script:alert(7)">y</a> [ok](https://example.org/ok)',
  results: "Numbers ]]> <![CDATA[ x ]]> and control \u0001\u0008\u000b\u001b\u007f\ud800 chars; 3.5x faster.",
  limitations:
    '<div style="position:fixed" onmouseover="x()">none</div><form action="https://evil"><input></form>',
};

function hostileMarkdown(): string {
  const f = HOSTILE_FIELDS;
  return `TL;DR: ${f.tldr}\n\n## Problem and contribution\n${f.problem}\n\n## Method and setup\n${f.method}\n\n## Key results\n${f.results}\n\n## Limitations\n${f.limitations}\n`;
}

const DEFAULT_USAGE: FakeUsage = { prompt_tokens: 120, completion_tokens: 80 };

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function errorBody(message: string, code?: string) {
  return { error: { message, type: "invalid_request_error", param: null, code: code ?? null } };
}

/** Starts the server on 127.0.0.1, port 0. */
export async function startOpenAiServer(options: OpenAiServerOptions = {}): Promise<OpenAiServer> {
  const apiKey = options.apiKey ?? `sk-test-${randomBytes(12).toString("hex")}`;
  let jsonMode = options.jsonMode ?? "supported";
  let maxTokensMode = options.maxTokens ?? "supported";
  let sent = 0;
  let behaviour = options.behaviour;
  let recorded: RecordedRequest[] = [];
  let embeddingBehaviour = options.embeddingBehaviour;
  let embeddingRecorded: EmbeddingRequest[] = [];
  let attempts = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();

  /** The completion text of an answering behaviour. */
  const contentFor = (chosen: Answering, request: RecordedRequest): string => {
    const wantsJson = request.responseFormat !== undefined && jsonMode !== "ignored";
    switch (chosen.type) {
      case "default":
        return wantsJson ? JSON.stringify(fieldsFor(request.paperId)) : markdownFor(request.paperId);
      case "json":
        return JSON.stringify({ ...fieldsFor(request.paperId), ...chosen.fields });
      case "markdown":
        return chosen.text ?? markdownFor(request.paperId);
      case "content":
        return chosen.content;
      case "hostile":
        return wantsJson ? JSON.stringify(HOSTILE_FIELDS) : hostileMarkdown();
    }
  };

  const answer = (res: ServerResponse, request: RecordedRequest, chosen: Behaviour): void => {
    if (chosen.type === "slow") {
      const timer = setTimeout(() => {
        timers.delete(timer);
        answer(res, request, chosen.then ?? { type: "default" });
      }, chosen.delayMs);
      timers.add(timer);
    } else if (chosen.type === "hang-up") {
      res.socket?.destroy();
    } else if (chosen.type === "huge") {
      streamHuge(res, request, chosen.bytes);
    } else if (chosen.type === "error") {
      const body = errorBody(chosen.message ?? `error ${chosen.status}`, chosen.code);
      sendJson(res, chosen.status, body, chosen.headers);
    } else if (chosen.type === "rate-limit") {
      const headers: Record<string, string> = {};
      if (chosen.retryAfter !== undefined) headers["retry-after"] = chosen.retryAfter;
      if (chosen.retryAfterMs !== undefined) headers["retry-after-ms"] = chosen.retryAfterMs;
      sendJson(res, 429, errorBody("Rate limit reached", "rate_limit_exceeded"), headers);
    } else {
      const usage = chosen.usage ?? options.usage ?? DEFAULT_USAGE;
      sendJson(res, 200, {
        id: `chatcmpl-${request.n}`,
        object: "chat.completion",
        created: Math.floor(Date.now() / 1000),
        model: request.model ?? "unknown",
        choices: [
          {
            index: 0,
            message: { role: "assistant", content: contentFor(chosen, request), refusal: null },
            finish_reason: "stop",
            logprobs: null,
          },
        ],
        usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
      });
    }
  };

  /** A completion whose content is `bytes` of "a", written chunk by chunk as the client reads. */
  const streamHuge = (res: ServerResponse, request: RecordedRequest, bytes: number): void => {
    res.writeHead(200, { "content-type": "application/json" });
    const head = `{"id":"chatcmpl-${request.n}","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"`;
    const chunk = "a".repeat(64 * 1024);
    let left = bytes;
    const pump = () => {
      while (!res.destroyed && left > 0) {
        const part = chunk.slice(0, Math.min(left, chunk.length));
        left -= part.length;
        sent += part.length;
        if (!res.write(part)) return void res.once("drain", pump);
      }
      if (!res.destroyed) res.end('"},"finish_reason":"length"}]}');
    };
    res.write(head);
    pump();
  };

  const after = (ms: number, then: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      then();
    }, ms);
    timers.add(timer);
  };

  const serveEmbeddings = async (req: IncomingMessage, res: ServerResponse) => {
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    } catch {
      return sendJson(res, 400, errorBody("body is not JSON"));
    }
    const authorized = req.headers.authorization === `Bearer ${apiKey}`;
    const request = embeddingRequestOf(embeddingRecorded.length + 1, authorized, body);
    embeddingRecorded.push(request);
    if (!authorized) return sendJson(res, 401, errorBody("Incorrect API key provided.", "invalid_api_key"));
    answerEmbeddings(res, request, embeddingBehaviour?.(request) ?? { type: "default" }, after);
  };

  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (req.method === "POST" && (path === "/v1/embeddings" || path === "/embeddings")) {
      await serveEmbeddings(req, res);
      return;
    }
    if (req.method !== "POST" || (path !== "/v1/chat/completions" && path !== "/chat/completions")) {
      sendJson(res, 404, errorBody(`no route ${req.method} ${path}`));
      return;
    }
    const text = await readBody(req);
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      sendJson(res, 400, errorBody("body is not JSON"));
      return;
    }
    const messages = Array.isArray(body.messages)
      ? (body.messages as { role?: unknown; content?: unknown }[]).map((m) => ({
          role: String(m.role),
          content: typeof m.content === "string" ? m.content : JSON.stringify(m.content),
        }))
      : [];
    const paperId = /arXiv:\s*(\S+?)v\d+\b/.exec(messages.map((m) => m.content).join("\n"))?.[1];
    const attempt = (attempts.get(paperId ?? "") ?? 0) + 1;
    attempts.set(paperId ?? "", attempt);
    const request: RecordedRequest = {
      n: recorded.length + 1,
      path,
      authorized: req.headers.authorization === `Bearer ${apiKey}`,
      model: typeof body.model === "string" ? body.model : undefined,
      temperature: typeof body.temperature === "number" ? body.temperature : undefined,
      responseFormat: body.response_format,
      maxTokens: body.max_tokens ?? body.max_completion_tokens,
      messages,
      paperId,
      attempt,
      body,
    };
    recorded.push(request);

    if (!request.authorized) {
      sendJson(res, 401, errorBody("Incorrect API key provided.", "invalid_api_key"));
      return;
    }
    const format = (request.responseFormat as { type?: string } | undefined)?.type;
    if (
      format !== undefined &&
      (jsonMode === "rejected" || (jsonMode === "object-only" && format !== "json_object"))
    ) {
      sendJson(
        res,
        400,
        errorBody(`response_format ${format} is not supported by this model`, "invalid_parameter"),
      );
      return;
    }
    if (maxTokensMode === "rejected" && request.maxTokens !== undefined) {
      const param = body.max_tokens === undefined ? "max_completion_tokens" : "max_tokens";
      sendJson(res, 400, errorBody(`Unsupported parameter: '${param}' is not supported with this model.`));
      return;
    }
    answer(res, request, behaviour?.(request) ?? { type: "default" });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    apiKey,
    calls: () => recorded.length,
    callsFor: (paperId) => recorded.filter((r) => r.paperId === paperId).length,
    requests: () => recorded,
    setBehaviour(fn) {
      behaviour = fn;
    },
    setJsonMode(mode) {
      jsonMode = mode;
    },
    setMaxTokens(mode) {
      maxTokensMode = mode;
    },
    embeddingRequests: () => embeddingRecorded,
    setEmbeddingBehaviour(fn) {
      embeddingBehaviour = fn;
    },
    bytesSent: () => sent,
    reset() {
      recorded = [];
      embeddingRecorded = [];
      attempts = new Map();
    },
    async stop() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
