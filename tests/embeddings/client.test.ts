import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createEmbeddingsClient, type EmbedOutcome } from "../../lib/embeddings/client.js";
import { dot, lengthOf } from "../../lib/embeddings/vector-codec.js";
import type { EmbeddingBehaviour } from "../helpers/fake-embeddings.js";
import { type OpenAiServer, startOpenAiServer } from "../helpers/openai-server.js";

/*
 * The client against the fake endpoint on loopback: vectors that come back validated and
 * quantised, and every way an endpoint fails as a typed outcome whose message names the
 * endpoint and never the key.
 */
let llm: OpenAiServer;
beforeAll(async () => {
  llm = await startOpenAiServer();
});
afterAll(() => llm?.stop());
beforeEach(() => {
  llm.reset();
  llm.setEmbeddingBehaviour(undefined);
});

const client = (apiKey = llm.apiKey) =>
  createEmbeddingsClient({ apiKey, baseUrl: llm.baseUrl, model: "fake-embed", dimensions: 64 });

const TEXTS = [
  "Speculative decoding for faster language model inference",
  "Faster inference of language models by speculative decoding",
  "Protein folding with diffusion models",
];

const cosine = (a: Int8Array, b: Int8Array) => dot(a, b) / (lengthOf(a) * lengthOf(b));

function failure(outcome: EmbedOutcome) {
  if (outcome.ok) throw new Error("expected a failure");
  return outcome.failure;
}

describe("the embeddings client", () => {
  it("sends one batched request and returns a unit int8 vector per text, near for similar texts", async () => {
    const outcome = await client().embed(TEXTS, 2000);
    if (!outcome.ok) throw new Error(outcome.failure.message);
    expect(llm.embeddingRequests()).toHaveLength(1);
    expect(llm.embeddingRequests()[0]).toMatchObject({
      authorized: true,
      model: "fake-embed",
      dimensions: 64,
    });
    expect(outcome.vectors).toHaveLength(3);
    expect(outcome.refused).toBe(0);
    expect(outcome.tokens).toBeGreaterThan(0);
    const [a, b, c] = outcome.vectors as Int8Array[];
    expect(a).toHaveLength(64);
    expect(lengthOf(a as Int8Array)).toBeGreaterThan(120);
    expect(cosine(a as Int8Array, b as Int8Array)).toBeGreaterThan(0.8);
    expect(cosine(a as Int8Array, c as Int8Array)).toBeLessThan(0.5);
  });

  const cases: [string, EmbeddingBehaviour, string, number | undefined][] = [
    ["a 5xx", { type: "error", status: 503 }, "http", 503],
    ["a 4xx", { type: "error", status: 400 }, "http", 400],
    ["a 429", { type: "rate-limit", retryAfter: "30" }, "http", 429],
    ["a slow answer", { type: "slow", delayMs: 1500 }, "timeout", undefined],
    ["a dropped connection", { type: "hang-up" }, "connection", undefined],
    ["an answer that is not JSON", { type: "garbage" }, "malformed", undefined],
    ["an oversized answer", { type: "huge", bytes: 2_000_000 }, "too-large", undefined],
  ];
  for (const [what, behaviour, kind, status] of cases) {
    it(`reports ${what} as ${kind}, naming the endpoint and not the key`, async () => {
      llm.setEmbeddingBehaviour(() => behaviour);
      const found = failure(await client().embed(TEXTS, 500));
      expect(found.kind).toBe(kind);
      expect(found.status).toBe(status);
      expect(found.message).toContain(`POST ${llm.baseUrl}/embeddings`);
      expect(found.message).not.toContain(llm.apiKey);
    });
  }

  it("reports a wrong key as a 401, without the key", async () => {
    const wrong = "sk-wrong-key-1234567890";
    const found = failure(await client(wrong).embed(TEXTS, 2000));
    expect(found).toMatchObject({ kind: "http", status: 401 });
    expect(found.message).not.toContain(wrong);
  });

  it("refuses vectors of the wrong length and non-finite ones, keeping the good", async () => {
    llm.setEmbeddingBehaviour(() => ({ type: "wrong-length" }));
    const short = await client().embed(TEXTS, 2000);
    expect(short).toMatchObject({ ok: true, refused: 3 });
    expect(short.ok && short.vectors.every((vector) => vector === undefined)).toBe(true);

    llm.setEmbeddingBehaviour(() => ({ type: "non-finite" }));
    const infinite = await client().embed(TEXTS, 2000);
    if (!infinite.ok) throw new Error(infinite.failure.message);
    expect(infinite.refused).toBe(1);
    expect(infinite.vectors[0]).toBeUndefined();
    expect(infinite.vectors[1]).toHaveLength(64);
  });
});
