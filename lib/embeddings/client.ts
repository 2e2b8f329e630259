import { z } from "zod";
import { redactUrl } from "../api/public-config.js";
import { readBounded } from "../arxiv/read-bounded.js";
import { quantise } from "./vector-codec.js";

/** How to reach an OpenAI-compatible embeddings endpoint. */
export interface EmbeddingsClientOptions {
  apiKey: string;
  /** Base URL of the API (`https://api.openai.com/v1`); `/embeddings` is appended. */
  baseUrl: string;
  model: string;
  /** Vector length asked for (`dimensions`) and required of every vector. */
  dimensions: number;
  /** `fetch` to use (default: the global one). */
  fetch?: typeof fetch;
}

/** What went wrong with a request; the message names the endpoint and status, never the key. */
export interface EmbeddingFailure {
  kind: "timeout" | "connection" | "http" | "too-large" | "malformed";
  /** HTTP status, when the server answered. */
  status?: number;
  message: string;
}

/** One request's outcome: a vector per input (undefined where the answer's was refused), or why none. */
export type EmbedOutcome =
  | { ok: true; vectors: (Int8Array | undefined)[]; tokens: number; refused: number }
  | { ok: false; failure: EmbeddingFailure };

/** Embeds texts, one HTTP request per call, no retry: a failure falls back to the local method. */
export interface EmbeddingsClient {
  embed(texts: readonly string[], timeoutMs: number): Promise<EmbedOutcome>;
}

/** Bytes of answer allowed per vector: its numbers as JSON (~22 characters each) and framing. */
const BYTES_PER_COMPONENT = 32;
/** Bytes of answer allowed beside the vectors (usage, model name, framing). */
const ANSWER_SLACK_BYTES = 64 * 1024;

/** The answer's shape (OpenAI's `CreateEmbeddingResponse`). */
const AnswerSchema = z.object({
  // Components are checked one vector at a time, so one bad vector does not cost the others.
  data: z.array(z.object({ index: z.number().int().nonnegative(), embedding: z.array(z.unknown()) })),
  usage: z.object({ prompt_tokens: z.number().nonnegative() }).loose().optional(),
});

/** Longest failure message kept, characters. */
const MAX_MESSAGE = 300;

/** Creates a client. */
export function createEmbeddingsClient(options: EmbeddingsClientOptions): EmbeddingsClient {
  const url = `${options.baseUrl.replace(/\/+$/, "")}/embeddings`;
  const endpoint = `POST ${redactUrl(url)}`;
  const doFetch = options.fetch ?? fetch;
  const fail = (kind: EmbeddingFailure["kind"], detail: string, status?: number): EmbedOutcome => ({
    ok: false,
    failure: {
      kind,
      ...(status === undefined ? {} : { status }),
      // The key is never part of a message; a base URL that held it is still not repeated.
      message: `${endpoint}: ${detail}`.replaceAll(options.apiKey, "***").slice(0, MAX_MESSAGE),
    },
  });

  return {
    async embed(texts, timeoutMs) {
      if (texts.length === 0) return { ok: true, vectors: [], tokens: 0, refused: 0 };
      let response: Response;
      const signal = AbortSignal.timeout(Math.max(1, timeoutMs));
      try {
        response = await doFetch(url, {
          method: "POST",
          headers: { authorization: `Bearer ${options.apiKey}`, "content-type": "application/json" },
          body: JSON.stringify({ model: options.model, input: texts, dimensions: options.dimensions }),
          signal,
        });
      } catch (error) {
        return signal.aborted
          ? fail("timeout", `timed out after ${timeoutMs} ms`)
          : fail("connection", `connection failed${codeOf(error)}`);
      }
      const limit = ANSWER_SLACK_BYTES + texts.length * options.dimensions * BYTES_PER_COMPONENT;
      let body: Buffer | undefined;
      try {
        body = await readBounded(response, limit);
      } catch {
        return signal.aborted
          ? fail("timeout", `timed out after ${timeoutMs} ms`)
          : fail("connection", "the answer broke off");
      }
      if (!response.ok) return fail("http", `HTTP ${response.status}`, response.status);
      if (body === undefined) return fail("too-large", `answer larger than ${limit} bytes`);
      return readAnswer(body, texts.length, options.dimensions, fail);
    },
  };
}

/** The vectors of a 200 answer: one per input, by `index`; a wrong-length or non-finite one is refused. */
function readAnswer(
  body: Buffer,
  count: number,
  dimensions: number,
  fail: (kind: EmbeddingFailure["kind"], detail: string) => EmbedOutcome,
): EmbedOutcome {
  let json: unknown;
  try {
    json = JSON.parse(body.toString("utf8"));
  } catch {
    return fail("malformed", "the answer is not JSON");
  }
  const parsed = AnswerSchema.safeParse(json);
  if (!parsed.success) return fail("malformed", "the answer is not an embeddings list");
  const vectors: (Int8Array | undefined)[] = new Array(count).fill(undefined);
  const seen = new Set<number>();
  for (const { index, embedding } of parsed.data.data) {
    if (index >= count || seen.has(index)) return fail("malformed", `unexpected index ${index}`);
    seen.add(index);
    if (embedding.length === dimensions && embedding.every(isNumber)) vectors[index] = quantise(embedding);
  }
  // Inputs the answer left out, and vectors of the wrong length or not finite.
  const refused = vectors.filter((vector) => vector === undefined).length;
  return { ok: true, vectors, tokens: Math.round(parsed.data.usage?.prompt_tokens ?? 0), refused };
}

const isNumber = (value: unknown): value is number => typeof value === "number";

function codeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === "string" ? ` (${cause.code.slice(0, 40)})` : "";
}
