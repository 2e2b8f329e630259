/**
 * The `/embeddings` side of the fake OpenAI-compatible server (`startOpenAiServer`): vectors
 * that carry meaning without a model. A text's vector is a hashed bag of its words (lower-cased,
 * a plural `s` dropped, words of under three letters left out), each word first mapped through
 * SYNONYMS, so texts sharing words, or synonyms of them, get near vectors, and a text sharing only
 * synonyms with another is near it although it shares no word (what tf-idf cannot see).
 */
import { createHash } from "node:crypto";
import type { ServerResponse } from "node:http";

/** Words the fake model treats as one meaning (each maps to the first of its group). */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ["automobile", "car", "vehicle", "sedan"],
  ["photograph", "image", "picture", "photo"],
  ["physician", "doctor", "clinician"],
];

const SYNONYMS = new Map(SYNONYM_GROUPS.flatMap((group) => group.map((word) => [word, group[0] as string])));

/** The words of a text as the fake model reads them. */
export function fakeWords(text: string): string[] {
  return (text.toLowerCase().match(/[a-z]+/g) ?? [])
    .map((word) => (word.length > 3 && word.endsWith("s") ? word.slice(0, -1) : word))
    .filter((word) => word.length >= 3)
    .map((word) => SYNONYMS.get(word) ?? word);
}

/** The fake model's vector of `text`: unit length, `dimensions` long, deterministic. */
export function fakeEmbedding(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of fakeWords(text)) {
    const hash = createHash("sha256").update(word).digest();
    const bucket = hash.readUInt32BE(0) % dimensions;
    const sign = (hash[4] as number) % 2 === 0 ? 1 : -1;
    vector[bucket] = (vector[bucket] as number) + sign;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => value / norm);
}

/** What one `/embeddings` request received. */
export interface EmbeddingRequest {
  n: number;
  authorized: boolean;
  model: string | undefined;
  dimensions: number | undefined;
  input: string[];
}

/** How to answer an `/embeddings` request; undefined from a behaviour function: the vectors. */
export type EmbeddingBehaviour =
  | { type: "default" }
  | { type: "error"; status: number }
  | { type: "rate-limit"; retryAfter?: string }
  | { type: "slow"; delayMs: number }
  | { type: "hang-up" }
  /** 200 with a body that is not JSON. */
  | { type: "garbage" }
  /** 200 with vectors one component short. */
  | { type: "wrong-length" }
  /** 200 whose first vector has a component JSON reads as Infinity (`1e999`). */
  | { type: "non-finite" }
  /** 200 with a body of `bytes` of padding inside a valid answer. */
  | { type: "huge"; bytes: number };

export type EmbeddingBehaviourFn = (request: EmbeddingRequest) => EmbeddingBehaviour | undefined;

/** Default dimensions when a request names none. */
const DEFAULT_DIMENSIONS = 64;

/** The answer's JSON text for `request`, its vectors altered as `behaviour` says. */
function answerText(request: EmbeddingRequest, behaviour: EmbeddingBehaviour): string {
  const dimensions = request.dimensions ?? DEFAULT_DIMENSIONS;
  const data = request.input.map((text, index) => {
    const vector = fakeEmbedding(text, dimensions);
    return {
      object: "embedding",
      index,
      embedding: behaviour.type === "wrong-length" ? vector.slice(1) : vector,
    };
  });
  const tokens = request.input.reduce((sum, text) => sum + fakeWords(text).length, 0);
  const padding = behaviour.type === "huge" ? "x".repeat(behaviour.bytes) : "";
  let text = JSON.stringify({
    object: "list",
    data,
    model: request.model ?? "unknown",
    usage: { prompt_tokens: tokens, total_tokens: tokens },
    padding,
  });
  if (behaviour.type === "non-finite") text = text.replace(/"embedding":\[[^,\]]+/, '"embedding":[1e999');
  return text;
}

/** Answers one `/embeddings` request; `after` lets a slow answer be cancelled on stop. */
export function answerEmbeddings(
  res: ServerResponse,
  request: EmbeddingRequest,
  behaviour: EmbeddingBehaviour,
  after: (ms: number, then: () => void) => void,
): void {
  const send = (status: number, body: string, headers: Record<string, string> = {}) => {
    if (res.destroyed || res.writableEnded) return;
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(body);
  };
  if (behaviour.type === "slow") {
    after(behaviour.delayMs, () => answerEmbeddings(res, request, { type: "default" }, after));
  } else if (behaviour.type === "hang-up") {
    res.socket?.destroy();
  } else if (behaviour.type === "error") {
    send(behaviour.status, JSON.stringify({ error: { message: `error ${behaviour.status}` } }));
  } else if (behaviour.type === "rate-limit") {
    const headers: Record<string, string> = behaviour.retryAfter
      ? { "retry-after": behaviour.retryAfter }
      : {};
    send(429, JSON.stringify({ error: { message: "Rate limit reached" } }), headers);
  } else if (behaviour.type === "garbage") {
    send(200, "<html>not json</html>");
  } else {
    send(200, answerText(request, behaviour));
  }
}

/** The request as recorded, from its parsed body. */
export function embeddingRequestOf(
  n: number,
  authorized: boolean,
  body: Record<string, unknown>,
): EmbeddingRequest {
  const input = Array.isArray(body.input)
    ? body.input.map(String)
    : typeof body.input === "string"
      ? [body.input]
      : [];
  return {
    n,
    authorized,
    model: typeof body.model === "string" ? body.model : undefined,
    dimensions: typeof body.dimensions === "number" ? body.dimensions : undefined,
    input,
  };
}
