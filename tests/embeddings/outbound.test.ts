import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type OpenAiServer, startOpenAiServer } from "../helpers/openai-server.js";
import { type Service, startService } from "../helpers/service.js";
import { storedPool, storeOf } from "../http/support.js";
import { repositoryConfig } from "./support.js";

/*
 * With the embeddings endpoint off, no request of any kind leaves the deployment except to
 * arXiv (its feeds and its API): every fetch the process makes during a refresh and personal
 * requests naming papers is recorded, through the real fetch, and only arXiv's origin (the
 * loopback fake) and the service itself may appear. Configured without a key, the endpoint is
 * never asked either.
 */
let llm: OpenAiServer;
const realFetch = globalThis.fetch;
const origins: string[] = [];
beforeAll(async () => {
  llm = await startOpenAiServer();
  globalThis.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    origins.push(new URL(url).origin);
    return realFetch(input, init);
  };
});
afterAll(async () => {
  globalThis.fetch = realFetch;
  await llm?.stop();
});

let service: Service | undefined;
afterEach(async () => {
  await service?.stop();
  service = undefined;
});

/** A refresh, then personal requests naming a paper in the window and one outside it. */
async function exercise(running: Service): Promise<void> {
  expect((await running.refresh()).status).toBe(200);
  const pool = await storedPool(storeOf(running), "all", 7);
  const ids = new Set(pool.map((paper) => paper.id));
  const outside = running.arxiv.api.corpusIds().find((id) => !ids.has(id) && /^\d{4}\.\d{5}$/.test(id));
  for (const path of [
    `/api/papers?like=${pool[0]?.id}`,
    `/rss?like=${outside}`,
    `/feed/cs.LG.json?like=${outside},${pool[1]?.id}&dislike=${pool[2]?.id}`,
    "/api/health",
  ]) {
    const response = await running.get(path);
    expect(response.status, path).toBe(200);
    await response.arrayBuffer();
  }
  expect(running.arxiv.api.log().length).toBeGreaterThan(0);
}

/** Origins fetched besides the service itself. */
const outbound = (running: Service) =>
  new Set(origins.filter((origin) => origin !== new URL(running.url).origin));

describe("with embeddings off", () => {
  it("nothing but arXiv is asked, without an embeddings block", async () => {
    origins.length = 0;
    service = await startService({ env: { EMBEDDINGS_API_KEY: llm.apiKey } });
    await exercise(service);
    expect([...outbound(service)]).toEqual([new URL(service.arxiv.url).origin]);
    expect(llm.embeddingRequests()).toEqual([]);
  });

  it("nothing but arXiv is asked, with an embeddings block but no key", async () => {
    origins.length = 0;
    const embeddings = { base_url: llm.baseUrl, model: "fake-embed", dimensions: 64 };
    service = await startService({
      config: { ...repositoryConfig(), embeddings },
      env: { EMBEDDINGS_API_KEY: undefined },
    });
    await exercise(service);
    expect([...outbound(service)]).toEqual([new URL(service.arxiv.url).origin]);
    expect(llm.embeddingRequests()).toEqual([]);
    const report = (await (await service.get("/api/health")).json()) as { embeddings: unknown };
    expect(report.embeddings).toMatchObject({ enabled: false, model: "fake-embed", usage: null });
  });
});
