import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PERSONAL_RATE_LIMIT } from "../../lib/http/rate-limit.js";
import { servePapers } from "../../lib/http/serve-papers.js";
import type { FeedSnapshot } from "../../lib/model/snapshot.js";
import { feedKey } from "../../lib/store/keys.js";
import { createMemoryStore } from "../../lib/store/memory.js";
import { type ArxivServer, startArxivServer } from "../helpers/arxiv-server.js";
import { FIXTURE_NOW_ISO } from "../helpers/fixtures.js";
import { makePaper } from "../rank/paper-factory.js";
import { testDeps, testSettings } from "./read-test-deps.js";

/*
 * A personal request that names papers is a personal request like any other: counted against
 * the client's limit, and counted BEFORE it asks arXiv, so a client over its limit gets its 429
 * without sending arXiv anything.
 */
let arxiv: ArxivServer;
beforeAll(async () => {
  arxiv = await startArxivServer();
});
afterAll(() => arxiv?.stop());
beforeEach(() => arxiv.reset());

const snapshot: FeedSnapshot = {
  version: "v1",
  generatedAt: FIXTURE_NOW_ISO,
  name: "all",
  announced: "2026-01-29",
  papers: ["Fast inference on GPUs", "Quantized training", "Sparse attention"].map((title, i) => ({
    ...makePaper({ id: `2601.2000${i + 1}`, title, abstract: `${title}: low-precision inference.` }),
    score: 1,
    matches: [],
  })),
};

async function depsWithFeed() {
  const store = createMemoryStore();
  await store.set(feedKey("all"), snapshot);
  const settings = testSettings(undefined, { ARXIV_API_BASE_URL: arxiv.url, ARXIV_MIN_INTERVAL_MS: "0" });
  return testDeps({ settings, store });
}
const get = (deps: Awaited<ReturnType<typeof depsWithFeed>>, query: string) =>
  servePapers(new Request(`http://localhost/api/papers?${query}`), deps).catch(
    (error: { status?: number }) => ({ status: error.status ?? 500 }),
  );

describe("named papers and the personal limit", () => {
  it("a client over its limit is refused before arXiv is asked", async () => {
    const deps = await depsWithFeed();
    for (let i = 0; i < PERSONAL_RATE_LIMIT.requests; i++) {
      expect((await get(deps, `keywords=k${i}`)).status).toBe(200);
    }
    expect((await get(deps, "like=2601.09555")).status).toBe(429);
    expect(arxiv.api.log()).toEqual([]);
  });

  it("a request that asks arXiv counts once, not again when its body is built", async () => {
    const deps = await depsWithFeed();
    expect((await get(deps, "like=2601.09555")).status).toBe(200);
    expect(arxiv.api.log()).toHaveLength(1);
    // One counted already: exactly the rest of the limit is left.
    // Queries of their own: one answered already on this instance (the other test's) is not counted.
    for (let i = 1; i < PERSONAL_RATE_LIMIT.requests; i++) {
      expect((await get(deps, `keywords=m${i}`)).status, `request ${i}`).toBe(200);
    }
    expect((await get(deps, "keywords=one-more")).status).toBe(429);
  });
});
