import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HealthResponse, PapersResponse } from "../../lib/api/schemas.js";
import { TENTH_CLOSEST_SIMILARITY } from "../../lib/embeddings/embedding-model.js";
import { recordConsole } from "../helpers/console-record.js";
import type { EmbeddingBehaviour } from "../helpers/fake-embeddings.js";
import { type OpenAiServer, startOpenAiServer } from "../helpers/openai-server.js";
import { type Service, startService } from "../helpers/service.js";
import { storedPool, storeOf } from "../http/support.js";
import { embeddingsConfig, repositoryConfig } from "./support.js";

/*
 * Feed requests ranked by named papers, with embeddings on: the window's vectors come in the
 * pools' read; a named paper outside the window is embedded once within the request's wait
 * budget and cached; every failure of the endpoint serves the local ranking and shows in health;
 * the key never reaches any output.
 */
let llm: OpenAiServer;
let service: Service;
let outside: string[] = [];
let inWindow = "";
const bodies: string[] = [];
let logged: string[] = [];

beforeAll(async () => {
  logged = recordConsole();
  llm = await startOpenAiServer();
  service = await startService({
    config: { ...repositoryConfig(), embeddings: embeddingsConfig(llm, { timeout_seconds: 5 }) },
    env: { EMBEDDINGS_API_KEY: llm.apiKey },
  });
  const refreshed = await service.refresh();
  expect(refreshed.status).toBe(200);
  const pool = await storedPool(storeOf(service), "all", 7);
  const ids = new Set(pool.map((paper) => paper.id));
  inWindow = pool[0]?.id ?? "";
  outside = service.arxiv.api.corpusIds().filter((id) => !ids.has(id) && /^\d{4}\.\d{5}$/.test(id));
  expect(outside.length).toBeGreaterThanOrEqual(2);
}, 60_000);
afterAll(async () => {
  await service?.stop();
  await llm?.stop();
});

async function papers(query: string): Promise<PapersResponse> {
  const response = await service.get(`/api/papers?${query}`);
  const text = await response.text();
  bodies.push(text);
  expect(response.status, text).toBe(200);
  return JSON.parse(text) as PapersResponse;
}

async function health(): Promise<HealthResponse> {
  const text = await (await service.get("/api/health")).text();
  bodies.push(text);
  return JSON.parse(text) as HealthResponse;
}

/**
 * Whether a ranking by similarity alone is the embeddings': their rescale puts the candidates'
 * 10th closest at exactly TENTH_CLOSEST_SIMILARITY, which tf-idf cosines hit only by chance.
 */
const byEmbeddings = (page: PapersResponse) =>
  Math.abs((page.papers[9]?.similarity ?? 0) - TENTH_CLOSEST_SIMILARITY) < 1e-9;

describe("feed requests with embeddings on", () => {
  it("rank by the window's vectors for a liked paper in the window, asking the endpoint nothing", async () => {
    llm.reset();
    const page = await papers(`like=${inWindow}&limit=20`);
    expect(byEmbeddings(page)).toBe(true);
    expect(page.papers[0]?.closeTo?.id).toBe(inWindow);
    expect(llm.embeddingRequests()).toEqual([]);
  });

  it("embed a liked paper outside the window once, within the wait budget, and cache it", async () => {
    llm.reset();
    const started = Date.now();
    const page = await papers(`like=${outside[0]}&limit=20`);
    expect(Date.now() - started).toBeLessThan(2500 + 1000);
    expect(byEmbeddings(page)).toBe(true);
    expect(page.papers[0]?.closeTo?.id).toBe(outside[0]);
    expect(llm.embeddingRequests().map((request) => request.input.length)).toEqual([1]);

    llm.reset();
    expect(byEmbeddings(await papers(`like=${outside[0]}&limit=21`))).toBe(true);
    expect(llm.embeddingRequests()).toEqual([]);
  });

  const failures: [string, EmbeddingBehaviour, string][] = [
    ["slow past the budget", { type: "slow", delayMs: 4000 }, "timeout"],
    ["a 500", { type: "error", status: 500 }, "http"],
    ["a 429", { type: "rate-limit", retryAfter: "5" }, "http"],
    ["garbage", { type: "garbage" }, "malformed"],
    ["an oversized answer", { type: "huge", bytes: 1_000_000 }, "too-large"],
    ["a wrong-length vector", { type: "wrong-length" }, "malformed"],
    ["a dropped connection", { type: "hang-up" }, "connection"],
  ];
  for (const failure of failures) {
    const [what, behaviour, kind] = failure;
    it(`serve the local ranking when the endpoint gives ${what}, and health shows it`, async () => {
      llm.reset();
      llm.setEmbeddingBehaviour(() => behaviour);
      const started = Date.now();
      const page = await papers(`like=${outside[1]}&limit=${30 + failures.indexOf(failure)}`);
      expect(Date.now() - started).toBeLessThan(2500 + 1500);
      llm.setEmbeddingBehaviour(undefined);
      expect(llm.embeddingRequests()).toHaveLength(1);
      expect(page.papers.length).toBeGreaterThan(0);
      expect(byEmbeddings(page)).toBe(false);
      expect(page.papers[0]?.closeTo?.id).toBe(outside[1]);
      const last = (await health()).embeddings?.usage?.lastFailure;
      expect(last).toMatchObject({ where: "request", kind });
    });
  }

  it("rank by the vectors again once the endpoint answers (a failure is not cached)", async () => {
    llm.reset();
    expect(byEmbeddings(await papers(`like=${outside[1]}&limit=22`))).toBe(true);
    expect(llm.embeddingRequests()).toHaveLength(1);
  });

  it("health counts the papers embedded, requests, tokens and cost", async () => {
    const report = await health();
    expect(report.embeddings).toMatchObject({ enabled: true, model: "fake-embed" });
    const usage = report.embeddings?.usage;
    const pool = await storedPool(storeOf(service), "all", 7);
    // The window's papers at the refresh, and the two outside papers here.
    expect(usage?.embedded).toBe(pool.length + 2);
    expect(usage?.lastRun).toMatchObject({ embedded: pool.length, pending: 0 });
    expect(usage?.requests).toBeGreaterThan(usage?.lastRun?.requests ?? 0);
    expect(usage?.tokens).toBeGreaterThan(0);
    expect(usage?.estimatedCostUsd).toBeCloseTo(((usage?.tokens ?? 0) * 0.02) / 1_000_000, 6);
  });

  it("never puts the key in a response or the log", async () => {
    bodies.push(await (await service.get("/api/config")).text());
    expect(bodies.length).toBeGreaterThan(10);
    for (const text of [...bodies, ...logged]) expect(text).not.toContain(llm.apiKey);
  });
});
