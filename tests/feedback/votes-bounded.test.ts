/*
 * Ten thousand votes on one profile stay bounded (the newest MAX_VOTES kept, the record small,
 * each vote's cost flat past the cap); the cap holds on the embedded file store and on a real
 * redis-server too, and votes cast at once from two clients (two function instances) are all kept.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { profileKey } from "../../lib/feedback/profile-keys.js";
import { MAX_VOTES, newProfileRecord, withVote } from "../../lib/feedback/profile-record.js";
import { createProfile, readProfile, updateProfile } from "../../lib/feedback/profile-store.js";
import { createStore } from "../../lib/store/create-store.js";
import type { Store } from "../../lib/store/types.js";
import { FIXTURE_NOW } from "../helpers/fixtures.js";
import { type RedisServer, startRedisServer } from "../helpers/redis-server.js";

const VOTES = 10_000;
const id = (n: number) => `2601.${String(n).padStart(5, "0")}`;

let redis: RedisServer;
let dir: string;
beforeAll(async () => {
  redis = await startRedisServer();
  dir = mkdtempSync(join(tmpdir(), "axf-votes-"));
});
afterAll(async () => {
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const drivers: Record<string, () => Store> = {
  memory: () => createStore({ driver: "memory" }, { keyPrefix: "votes:" }),
  file: () => createStore({ driver: "file", dir }, { keyPrefix: "votes:" }),
  redis: () => createStore({ driver: "redis", url: redis.url }, { keyPrefix: "votes:" }),
};

const vote = (store: Store, name: string, n: number) =>
  updateProfile(store, name, (record) =>
    record ? withVote(record, id(n), n % 3 ? "like" : "dislike", FIXTURE_NOW + n) : undefined,
  );

/** Casts votes `from` to `to` - 1 one after another; ms per thousand. */
async function castRun(store: Store, name: string, from: number, to: number): Promise<number[]> {
  const laps: number[] = [];
  let lap = performance.now();
  for (let n = from; n < to; n++) {
    await vote(store, name, n);
    if ((n + 1 - from) % 1000 === 0) {
      laps.push(performance.now() - lap);
      lap = performance.now();
    }
  }
  return laps;
}

/** The profile holds exactly the newest MAX_VOTES of votes 0 to `cast` - 1, in a small record. */
async function expectBounded(store: Store, name: string, cast: number): Promise<number> {
  const record = await readProfile(store, name);
  expect(record?.votes).toHaveLength(MAX_VOTES);
  expect(record?.votes.map((v) => v.id)).toEqual(
    Array.from({ length: MAX_VOTES }, (_, i) => id(cast - MAX_VOTES + i)),
  );
  const bytes = JSON.stringify(await store.get(profileKey(name))).length;
  expect(bytes).toBeLessThan(80_000);
  return bytes;
}

describe("ten thousand votes on one profile", () => {
  it(`keep the newest ${MAX_VOTES}, never more at any step`, () => {
    let record = newProfileRecord("busy", FIXTURE_NOW, "n".repeat(22));
    let most = 0;
    for (let n = 0; n < VOTES; n++) {
      record = withVote(record, id(n), n % 3 ? "like" : "dislike", FIXTURE_NOW + n).record;
      most = Math.max(most, record.votes.length);
    }
    expect(most).toBe(MAX_VOTES);
    expect(record.votes.map((v) => v.id)).toEqual(
      Array.from({ length: MAX_VOTES }, (_, i) => id(VOTES - MAX_VOTES + i)),
    );
    expect(JSON.stringify(record).length).toBeLessThan(80_000);
  });

  it("cost the same per vote past the cap as at it, through the store", async () => {
    const store = drivers.memory?.() as Store;
    expect((await createProfile(store, "busy", FIXTURE_NOW)).status).toBe("created");
    const laps = await castRun(store, "busy", 0, 3 * MAX_VOTES);
    const bytes = await expectBounded(store, "busy", 3 * MAX_VOTES);
    // The record stops growing at the cap, so the third thousand costs what the second did.
    const [, atCap = 0, past = 0] = laps;
    expect(past).toBeLessThan(atCap * 3 + 200);
    console.log(
      `votes, ms per thousand: ${laps.map((ms) => ms.toFixed(0)).join(" ")}; record ${bytes} bytes`,
    );
    await store.close();
  }, 60_000);
});

for (const [driver, open] of Object.entries(drivers).filter(([name]) => name !== "memory")) {
  describe(`${driver} store`, () => {
    it(`drops the oldest votes past ${MAX_VOTES}`, async () => {
      const store = open();
      const created = await createProfile(store, "full", FIXTURE_NOW);
      if (created.status !== "created") throw new Error(created.status);
      // Seeded at the cap, then voted past it through the locked path.
      const votes = Array.from({ length: MAX_VOTES }, (_, n) => ({
        id: id(n),
        vote: "like" as const,
        at: new Date(FIXTURE_NOW + n).toISOString(),
      }));
      await store.set(profileKey("full"), { ...created.record, votes });
      await castRun(store, "full", MAX_VOTES, MAX_VOTES + 100);
      await expectBounded(store, "full", MAX_VOTES + 100);
      await store.close();
    });

    it("keeps every vote cast at once from two clients", async () => {
      const [a, b] = [open(), open()];
      expect((await createProfile(a, "shared", FIXTURE_NOW)).status).toBe("created");
      await Promise.all(Array.from({ length: 60 }, (_, n) => vote(n % 2 ? a : b, "shared", n)));
      expect((await readProfile(a, "shared"))?.votes.map((v) => v.id).sort()).toEqual(
        Array.from({ length: 60 }, (_, n) => id(n)),
      );
      await Promise.all([a.close(), b.close()]);
    });
  });
}
