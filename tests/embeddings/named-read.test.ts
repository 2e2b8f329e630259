import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PapersResponse } from "../../lib/api/schemas.js";
import { TENTH_CLOSEST_SIMILARITY } from "../../lib/embeddings/embedding-model.js";
import { packSet } from "../../lib/embeddings/embedding-set.js";
import { requestSource } from "../../lib/embeddings/request-source.js";
import { quantise } from "../../lib/embeddings/vector-codec.js";
import { createMemoryStore } from "../../lib/store/memory.js";
import { createUpstashStore } from "../../lib/store/upstash.js";
import { type OpenAiServer, startOpenAiServer } from "../helpers/openai-server.js";
import { type Service, startService } from "../helpers/service.js";
import { upstashOverRedis, upstashServiceEnv } from "../helpers/upstash-rest-server.js";
import { storedPool } from "../http/support.js";
import { embeddingsConfig, repositoryConfig, settingsFor, tempDir } from "./support.js";

/*
 * Issue 14's read budget with embeddings on: a request ranked by a paper outside the window
 * reads the window (with the day embedding sets) and then the named papers' cache, whose one
 * command also holds their vectors. Counted on Upstash's wire, as the deployment pays for it.
 */
const backend = upstashOverRedis();
let llm: OpenAiServer;
let service: Service;
let outside: string[] = [];
const temp = tempDir();

beforeAll(async () => {
  llm = await startOpenAiServer();
  service = await startService({
    config: { ...repositoryConfig(), embeddings: embeddingsConfig(llm) },
    env: { ...upstashServiceEnv(backend.rest), EMBEDDINGS_API_KEY: llm.apiKey },
  });
  expect((await service.refresh()).status).toBe(200);
  const store = createUpstashStore({
    url: backend.rest.url,
    token: backend.rest.token,
    keyPrefix: process.env.KEY_PREFIX ?? "",
  });
  const ids = new Set((await storedPool(store, "all", 7)).map((paper) => paper.id));
  expect(ids.size).toBeGreaterThan(50);
  outside = service.arxiv.api.corpusIds().filter((id) => !ids.has(id) && /^\d{4}\.\d{5}$/.test(id));
  expect(outside.length).toBeGreaterThanOrEqual(2);
}, 60_000);
afterAll(async () => {
  await service?.stop();
  await llm?.stop();
  temp.cleanup();
});

async function papers(query: string): Promise<PapersResponse> {
  const response = await service.get(`/api/papers?${query}`);
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return JSON.parse(text) as PapersResponse;
}

/** The store commands of the last request but the per-client rate limit's script calls. */
const reads = () => backend.rest.stats().commandNames.filter((name) => !name.startsWith("EVAL"));

/** The embeddings' rescale puts the 10th closest at exactly this; tf-idf hits it only by chance. */
const byEmbeddings = (page: PapersResponse) =>
  Math.abs((page.papers[9]?.similarity ?? 0) - TENTH_CLOSEST_SIMILARITY) < 1e-9;

describe("a request ranked by papers outside the window, embeddings on", () => {
  it("once they are cached, reads the window and then one command for their papers and vectors", async () => {
    const like = `like=${outside[0]},${outside[1]}`;
    // The first request looks them up on arXiv and embeds them; both are cached.
    llm.reset();
    expect(byEmbeddings(await papers(`${like}&limit=20`))).toBe(true);
    expect(llm.embeddingRequests().map((request) => request.input.length)).toEqual([2]);
    llm.reset();
    service.arxiv.api.reset();
    backend.rest.resetStats();
    const page = await papers(`${like}&limit=21`);
    expect(byEmbeddings(page)).toBe(true);
    expect(llm.embeddingRequests()).toEqual([]);
    expect(service.arxiv.api.log()).toEqual([]);
    expect(reads()).toEqual(["MGET", "MGET"]);
  });
});

describe("a named paper's stored vector", () => {
  const kind = { model: "fake-embed", dimensions: 64 };
  const vector = quantise(Array.from({ length: 64 }, (_, k) => Math.sin(k + 1))) as Int8Array;
  const paper = {
    id: "2501.00001",
    version: 2,
    title: "A liked paper",
    abstract: "Its abstract.",
    authors: [],
    categories: ["cs.LG"],
    announced: "2025-01-01",
  };
  /** The source for `paper` with `stored` read beside its cache, the endpoint off (no key). */
  const sourceWith = (stored: unknown[]) =>
    requestSource({
      settings: settingsFor(temp.dir, service.arxiv, {
        ...repositoryConfig(),
        embeddings: embeddingsConfig(llm),
      }),
      store: createMemoryStore(),
      window: new Map([["2601.00001v1", vector]]),
      stored,
      likes: [paper],
      dislikes: [],
      deadline: Date.now() + 2500,
      beforeCall: async () => {},
      at: "2026-01-29T12:00:00Z",
    });

  it("is used for the version it was made from", async () => {
    expect(await sourceWith([packSet(kind, new Map([["2501.00001v2", vector]]))])).toBeDefined();
  });

  it("is not used for another version (a new abstract), nor of another model or length", async () => {
    expect(await sourceWith([packSet(kind, new Map([["2501.00001v1", vector]]))])).toBeUndefined();
    const other = { ...kind, model: "other-model" };
    expect(await sourceWith([packSet(other, new Map([["2501.00001v2", vector]]))])).toBeUndefined();
    expect(await sourceWith([null, "garbage"])).toBeUndefined();
  });
});
