import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { readLockHolder } from "../../lib/store/lock-holder.js";
import { createMemoryStore, type MemoryData } from "../../lib/store/memory.js";
import { withRenewedLock } from "../../lib/store/with-lock.js";

describe("withRenewedLock", () => {
  it("keeps a 1 s lock for a 3.5 s task (renewed), refuses others naming the holder, then releases", async () => {
    const data: MemoryData = new Map();
    const store = createMemoryStore({ data });
    const other = createMemoryStore({ data });
    const logs: string[] = [];
    const seen: unknown[] = [];
    const outcome = await withRenewedLock(
      store,
      "job",
      { ttlSeconds: 1, log: (l) => logs.push(l) },
      async () => {
        for (let i = 0; i < 5; i++) {
          await sleep(700);
          seen.push(await withRenewedLock(other, "job", { ttlSeconds: 1 }, async () => "ran"));
        }
        return "done";
      },
    );
    expect(outcome).toEqual({ status: "done", value: "done" });
    expect(seen).toHaveLength(5);
    for (const refused of seen) {
      expect(refused).toMatchObject({
        status: "busy",
        holder: { pid: process.pid, expiresAt: expect.any(Number) },
      });
    }
    expect(logs).toEqual([]);
    expect(await readLockHolder(store, "job")).toBeNull();
  });

  it("an abort releases the lock at once and rejects with its reason; a failing task releases it too", async () => {
    const store = createMemoryStore();
    const controller = new AbortController();
    const never = new Promise<never>(() => {});
    const run = withRenewedLock(store, "job", { ttlSeconds: 60, signal: controller.signal }, () => never);
    await sleep(20);
    expect(await readLockHolder(store, "job")).not.toBeNull();
    controller.abort(new Error("SIGINT"));
    await expect(run).rejects.toThrow("SIGINT");
    expect(await readLockHolder(store, "job")).toBeNull();
    const failing = withRenewedLock(store, "job", { ttlSeconds: 60 }, async () => {
      throw new Error("boom");
    });
    await expect(failing).rejects.toThrow("boom");
    expect(await store.acquireLock("job", 60)).not.toBeNull();
  });
});
