import { beforeEach, describe, expect, it } from "vitest";
import { StoredEmbeddingSetSchema } from "../../lib/embeddings/embedding-set.js";
import {
  EMBEDDINGS_RECORD_KEY,
  embeddingSetKey,
  modelTag,
  namedEmbeddingKey,
} from "../../lib/embeddings/keys.js";
import { paperText, versionKey } from "../../lib/embeddings/paper-key.js";
import { type EmbeddingsRecord, EmbeddingsRecordSchema } from "../../lib/embeddings/usage.js";
import type { FeedSnapshot } from "../../lib/model/snapshot.js";
import { poolPapers } from "../../lib/pools/codec.js";
import { poolSlot } from "../../lib/pools/slots.js";
import { NamedPaperSchema } from "../../lib/profile/named-paper.js";
import { namedPaperKey } from "../../lib/profile/profile-keys.js";
import { feedKey, poolKey } from "../../lib/store/keys.js";
import { createMemoryStore } from "../../lib/store/memory.js";
import type { Store } from "../../lib/store/types.js";
import { embeddingServers, embeddingsConfig, refreshAt, repositoryConfig, settingsFor } from "./support.js";

/*
 * The refresh embeds each paper version of the window once (batched, bounded per run), stores
 * the vectors per day slot beside the pools, and a later refresh asks the endpoint for nothing it
 * has; a failing endpoint keeps every vector had and is recorded for health.
 */
const DAY = "2026-01-29";
const OUTSIDE = "2601.09555";

const servers = embeddingServers();
beforeEach(() => {
  servers.arxiv.reset();
  servers.llm.reset();
  servers.llm.setEmbeddingBehaviour(undefined);
});

const settingsWith = (extra: Record<string, unknown> = {}, top: Record<string, unknown> = {}) =>
  settingsFor(
    servers.temp.dir,
    servers.arxiv,
    { ...repositoryConfig(), ...top, embeddings: embeddingsConfig(servers.llm, extra) },
    { EMBEDDINGS_API_KEY: servers.llm.apiKey },
  );

/** Every paper version of the day's combined pool. */
async function dayVersions(store: Store): Promise<string[]> {
  const slot = poolSlot(DAY, 7);
  return poolPapers("pool", await store.get(poolKey("all", slot))).map(versionKey);
}

const embeddedInputs = () => servers.llm.embeddingRequests().flatMap((request) => request.input);
const record = async (store: Store): Promise<EmbeddingsRecord> =>
  EmbeddingsRecordSchema.parse(await store.get(EMBEDDINGS_RECORD_KEY));
const daySet = async (store: Store) =>
  StoredEmbeddingSetSchema.parse(await store.get(embeddingSetKey(poolSlot(DAY, 7))));

describe("embeddings at the refresh", () => {
  it("embeds each paper version of the window once, in bounded batches; the next refresh asks nothing", async () => {
    const store = createMemoryStore();
    await refreshAt(settingsWith(), store);
    const versions = await dayVersions(store);
    expect(versions.length).toBeGreaterThan(100);
    const requests = servers.llm.embeddingRequests();
    expect(requests.every((request) => request.authorized && request.input.length <= 50)).toBe(true);
    expect(requests.every((request) => request.model === "fake-embed" && request.dimensions === 64)).toBe(
      true,
    );
    const inputs = embeddedInputs();
    expect(new Set(inputs).size).toBe(inputs.length);
    expect(inputs.length).toBe(versions.length);

    const set = await daySet(store);
    expect(set).toMatchObject({ model: "fake-embed", dimensions: 64, day: DAY });
    expect([...set.ids].sort()).toEqual([...versions].sort());
    const first = await record(store);
    expect(first).toMatchObject({ embedded: versions.length, requests: requests.length, lastFailure: null });
    expect(first.tokens).toBeGreaterThan(0);
    expect(first.estimatedCostUsd).toBeCloseTo((first.tokens * 0.02) / 1_000_000, 6);

    servers.llm.reset();
    await refreshAt(settingsWith(), store);
    expect(servers.llm.embeddingRequests()).toEqual([]);
    const second = await record(store);
    expect(second.embedded).toBe(versions.length);
    expect(second.lastRun).toMatchObject({ embedded: 0, cached: versions.length, pending: 0, requests: 0 });
  });

  it("embeds at most max_per_run papers a run; the next run goes on with the others", async () => {
    const store = createMemoryStore();
    await refreshAt(settingsWith({ max_per_run: 30, batch_size: 20 }), store);
    const first = embeddedInputs();
    expect(first).toHaveLength(30);
    expect(servers.llm.embeddingRequests().map((request) => request.input.length)).toEqual([20, 10]);
    expect((await record(store)).lastRun?.pending).toBe((await dayVersions(store)).length - 30);

    servers.llm.reset();
    await refreshAt(settingsWith({ max_per_run: 30, batch_size: 20 }), store);
    const second = embeddedInputs();
    expect(second).toHaveLength(30);
    expect(second.filter((text) => first.includes(text))).toEqual([]);
    expect((await daySet(store)).ids).toHaveLength(60);
  });

  it("a run that rebuilds no feed asks the endpoint nothing, though stored pools still lack vectors", async () => {
    const store = createMemoryStore();
    await refreshAt(settingsWith({ max_per_run: 30 }), store);
    expect((await record(store)).lastRun?.pending).toBeGreaterThan(0);

    servers.llm.reset();
    servers.arxiv.setMode("*", "500");
    expect((await refreshAt(settingsWith({ max_per_run: 30 }), store)).status).toBe("failed");
    expect(servers.llm.embeddingRequests()).toEqual([]);
  });

  it("an endpoint that fails mid-run keeps the vectors had, publishes the feeds, and is recorded", async () => {
    const store = createMemoryStore();
    servers.llm.setEmbeddingBehaviour((request) =>
      request.n >= 2 ? { type: "error", status: 503 } : undefined,
    );
    const meta = await refreshAt(settingsWith(), store);
    expect(meta.status).toBe("ok");
    expect(servers.llm.embeddingRequests()).toHaveLength(2);
    const kept = (await daySet(store)).ids;
    expect(kept).toHaveLength(50);
    const failed = await record(store);
    expect(failed.lastFailure).toMatchObject({ where: "refresh", kind: "http", status: 503 });
    expect(failed.lastFailure?.message).toContain("/embeddings: HTTP 503");
    expect(failed.lastFailure?.message).not.toContain(servers.llm.apiKey);

    servers.llm.reset();
    servers.llm.setEmbeddingBehaviour(undefined);
    await refreshAt(settingsWith(), store);
    const again = embeddedInputs();
    expect(again.length).toBe((await dayVersions(store)).length - 50);
    // The failure stays visible until another one replaces it.
    expect((await record(store)).lastFailure?.status).toBe(503);
  });

  it("embeds the configured profile's papers outside the window and ranks the feeds by the vectors", async () => {
    const store = createMemoryStore();
    await refreshAt(settingsWith({}, { profile: { like: [OUTSIDE] } }), store);
    const all = (await store.get(feedKey("all"))) as FeedSnapshot;
    expect(all.papers.length).toBeGreaterThan(0);
    expect(all.papers.every((paper) => paper.closeTo === undefined || paper.closeTo.id === OUTSIDE)).toBe(
      true,
    );
    const paper = NamedPaperSchema.parse(await store.get(namedPaperKey(OUTSIDE)));
    expect(embeddedInputs().filter((text) => text === paperText(paper))).toHaveLength(1);
    const stored = await store.get(namedEmbeddingKey(modelTag("fake-embed", 64), OUTSIDE));
    expect(StoredEmbeddingSetSchema.parse(stored).ids).toEqual([`${OUTSIDE}v1`]);
  });
});
