import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadSettings } from "../../lib/config/settings.js";
import type { FeedSnapshot } from "../../lib/model/snapshot.js";
import { namedPaperKey } from "../../lib/profile/profile-keys.js";
import { runRefresh } from "../../lib/refresh/run-refresh.js";
import { feedKey } from "../../lib/store/keys.js";
import { createMemoryStore } from "../../lib/store/memory.js";
import type { Store } from "../../lib/store/types.js";
import { type ArxivServer, startArxivServer } from "../helpers/arxiv-server.js";
import { FIXTURE_NOW } from "../helpers/fixtures.js";

/*
 * The refresh ranks the published feeds by config.json's profile: resolved from this run's
 * papers, one store read and arXiv's API; a lookup that fails never fails the refresh, and what
 * it could not resolve is in meta:refresh and the feeds' notice, asked again next run.
 */
const OUTSIDE = "2601.09555";
const IN_WINDOW = "2601.20088";
const UNKNOWN = "2601.99999";

let arxiv: ArxivServer;
let dir: string;
beforeAll(async () => {
  arxiv = await startArxivServer();
  dir = mkdtempSync(join(tmpdir(), "axf-profile-"));
});
afterAll(async () => {
  await arxiv?.stop();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => arxiv.reset());

const repository = JSON.parse(readFileSync("config.json", "utf8")) as Record<string, unknown>;

function settingsWith(profile: unknown) {
  const path = join(dir, "config.json");
  writeFileSync(path, JSON.stringify({ ...repository, profile }));
  return loadSettings({
    ARXIV_BASE_URL: arxiv.url,
    ARXIV_API_BASE_URL: arxiv.url,
    ARXIV_MIN_INTERVAL_MS: "0",
    ARXIV_MAX_RETRIES: "0",
    CONFIG_PATH: path,
  });
}

/** The store, with every getMany that reads named papers counted. */
function countingStore(): { store: Store; namedReads: () => number } {
  const inner = createMemoryStore();
  let reads = 0;
  const store: Store = {
    ...inner,
    getMany: (keys) => {
      if (keys.some((key) => key.startsWith("named:"))) reads++;
      return inner.getMany(keys);
    },
  };
  return { store, namedReads: () => reads };
}

const refresh = async (store: Store, profile: unknown) => {
  const outcome = await runRefresh({ settings: settingsWith(profile), store, now: () => FIXTURE_NOW });
  if (outcome.status !== "done") throw new Error(outcome.reason);
  return outcome.meta;
};
const feed = async (store: Store, name: string) => (await store.get(feedKey(name))) as FeedSnapshot;

describe("config.json's profile at the refresh", () => {
  const profile = { like: [OUTSIDE, `https://arxiv.org/abs/${IN_WINDOW}v1`, UNKNOWN] };

  it("ranks the published feeds by it, with one store read and one API request for what is not at hand", async () => {
    const { store, namedReads } = countingStore();
    const meta = await refresh(store, profile);
    expect(arxiv.api.log().map((request) => [...request.ids].sort())).toEqual([[OUTSIDE, UNKNOWN]]);
    expect(namedReads()).toBe(1);
    expect(meta.status).toBe("ok");
    expect(meta.profile).toEqual({
      like: 2,
      dislike: 0,
      missing: [{ id: UNKNOWN, reason: "unknown", message: `${UNKNOWN}: arXiv has no paper with this id` }],
    });
    const lg = await feed(store, "cs.LG");
    expect(lg.profileMissing).toEqual(meta.profile?.missing);
    expect(lg.papers.map((paper) => paper.id)).not.toContain(IN_WINDOW);
    expect(lg.papers.every((paper) => typeof paper.similarity === "number")).toBe(true);
    const near = new Set(lg.papers.map((paper) => paper.closeTo?.id));
    expect([...near].every((id) => id === OUTSIDE || id === IN_WINDOW)).toBe(true);
    expect(near.size).toBe(2);
    expect(await store.get(namedPaperKey(OUTSIDE))).toMatchObject({ id: OUTSIDE });

    // The paper at hand is cached too, so a run without it finds it in the store.
    expect(await store.get(namedPaperKey(IN_WINDOW))).toMatchObject({ id: IN_WINDOW });

    // The next run reads the cache and does not ask for the id arXiv has no paper for.
    arxiv.reset();
    const next = await refresh(store, profile);
    expect(arxiv.api.log()).toEqual([]);
    expect(namedReads()).toBe(2);
    expect(next.profile?.like).toBe(2);

    // A run whose every fetch fails rebuilds nothing, and asks arXiv's API nothing.
    arxiv.setMode("*", "500");
    const failed = await refresh(store, profile);
    expect(failed.status).toBe("failed");
    expect(failed.profile).toBeUndefined();
    expect(arxiv.api.log()).toEqual([]);
  });

  it("a failing API never fails the refresh: ranked by what is at hand, the rest asked again next run", async () => {
    const { store } = countingStore();
    arxiv.api.setMode("503");
    const failed = await refresh(store, profile);
    expect(failed.status).toBe("ok");
    expect(failed.profile?.like).toBe(1);
    expect(failed.profile?.missing.map((m) => [m.id, m.reason])).toEqual([
      [OUTSIDE, "unavailable"],
      [UNKNOWN, "unavailable"],
    ]);
    const lg = await feed(store, "cs.LG");
    expect(lg.papers.length).toBeGreaterThan(0);
    expect(lg.papers.every((paper) => paper.closeTo === undefined || paper.closeTo.id === IN_WINDOW)).toBe(
      true,
    );

    arxiv.api.setMode("ok");
    // The 503 holds the deployment's gate for its Retry-After (1 s).
    await sleep(1100);
    const later = await refresh(store, profile);
    expect(later.profile?.like).toBe(2);
    expect(later.profile?.missing.map((m) => m.id)).toEqual([UNKNOWN]);
  });

  it("without a profile nothing of it is stored: no similarity, no closeTo, no profileMissing", async () => {
    const { store, namedReads } = countingStore();
    const meta = await refresh(store, undefined);
    expect(meta.profile).toBeUndefined();
    expect(namedReads()).toBe(0);
    expect(arxiv.api.log()).toEqual([]);
    for (const name of ["all", "cs.LG"]) {
      const snapshot = await feed(store, name);
      expect("profileMissing" in snapshot).toBe(false);
      expect(snapshot.papers.some((paper) => "similarity" in paper || "closeTo" in paper)).toBe(false);
    }
  });
});
