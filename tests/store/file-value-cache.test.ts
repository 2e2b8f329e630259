/**
 * The embedded store's in-process value cache (lib/store/value-cache.ts): a warm read of a
 * published key hands back the value parsed before, and only while the database is unchanged,
 * whoever changed it (this store, another instance, another process).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFileStore } from "../../lib/store/file.js";
import { randomPrefix } from "./contract.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "axf-value-cache-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const CHILD = fileURLToPath(new URL("./file-child.ts", import.meta.url));

/** Runs file-child.ts to its end (`publish` mode) or until it prints a line (`publish-loop`). */
function child(args: string[], until: "exit" | "line"): Promise<ChildProcess> {
  const process_ = spawn(process.execPath, ["--import", "tsx", CHILD, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  return new Promise((resolve, reject) => {
    process_.stderr?.on("data", (chunk) => {
      err += chunk;
    });
    if (until === "line") process_.stdout?.once("data", () => resolve(process_));
    process_.once("exit", (code) =>
      until === "exit" && code === 0
        ? resolve(process_)
        : reject(new Error(`child exited (${code}): ${err}`)),
    );
  });
}

describe("file store: the value cache", () => {
  it("hands back the same parsed value while nothing changed, and sees another process's publish", async () => {
    const keyPrefix = randomPrefix();
    const store = createFileStore({ dir, keyPrefix });
    await store.publish({ "feed:a": { version: 1 }, "rendered:a:rss": { body: "<rss/>" } });
    const first = await store.get("feed:a");
    expect(first).toEqual({ version: 1 });
    expect(await store.get("feed:a")).toBe(first);
    const [feed, rendered] = await store.getMany(["feed:a", "rendered:a:rss"]);
    expect(feed).toBe(first);
    expect(rendered).toEqual({ body: "<rss/>" });

    await child([dir, keyPrefix, "publish", JSON.stringify({ "feed:a": { version: 2 } })], "exit");
    expect(await store.get("feed:a")).toEqual({ version: 2 });
    expect(await store.getMany(["feed:a", "rendered:a:rss"])).toEqual([{ version: 2 }, { body: "<rss/>" }]);
    await store.close();
  });

  it("sees another instance's write, and its own", async () => {
    const keyPrefix = randomPrefix();
    const reader = createFileStore({ dir, keyPrefix });
    const writer = createFileStore({ dir, keyPrefix });
    await writer.set("pool:a:0", { day: 1 });
    expect(await reader.get("pool:a:0")).toEqual({ day: 1 });
    await writer.set("pool:a:0", { day: 2 });
    expect(await reader.get("pool:a:0")).toEqual({ day: 2 });
    await reader.set("pool:a:0", { day: 3 });
    expect(await reader.get("pool:a:0")).toEqual({ day: 3 });
    await reader.delete("pool:a:0");
    expect(await reader.get("pool:a:0")).toBeNull();
    await writer.set("pool:a:0", { day: 4 });
    expect(await reader.get("pool:a:0")).toEqual({ day: 4 });
    await Promise.all([reader.close(), writer.close()]);
  });

  it("keeps only published keys: others are parsed afresh on every read", async () => {
    const keyPrefix = randomPrefix();
    const store = createFileStore({ dir, keyPrefix });
    await store.set("meta:refresh", { runs: 1 });
    const first = await store.get("meta:refresh");
    const second = await store.get("meta:refresh");
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
    await store.close();
  });

  it("honours a kept value's expiry", async () => {
    const keyPrefix = randomPrefix();
    let clock = Date.parse("2026-01-29T15:00:00Z");
    const store = createFileStore({ dir, keyPrefix, now: () => clock });
    await store.set("pool:a:1", { day: 1 }, { ttlSeconds: 60 });
    expect(await store.get("pool:a:1")).toEqual({ day: 1 });
    expect(await store.get("pool:a:1")).toEqual({ day: 1 });
    clock += 59_000;
    expect(await store.get("pool:a:1")).toEqual({ day: 1 });
    clock += 1_000;
    expect(await store.get("pool:a:1")).toBeNull();
    expect(await store.getMany(["pool:a:1"])).toEqual([null]);
    await store.close();
  });

  it("never mixes kept and fresh values while another process publishes without pause", async () => {
    const keyPrefix = randomPrefix();
    const keys = ["feed:a", "feed:b", "pool:a", "meta:refresh"];
    const store = createFileStore({ dir, keyPrefix, commandTimeoutMs: 10_000 });
    const loop = await child([dir, keyPrefix, "publish-loop"], "line");
    try {
      const versions = new Set<number>();
      // Until five publishes were seen (bounded: a stuck child fails the test, not the time).
      for (let i = 0; versions.size < 5 && i < 50_000; i++) {
        // Alternating lists, so some reads find a key kept and another not.
        const read = i % 2 ? keys : [keys[0] as string, keys[3] as string];
        const values = await store.getMany<{ version: number }>(read);
        const seen = new Set(values.map((value) => value?.version ?? 0));
        expect(seen.size, `mixed versions ${[...seen]} in read ${i}`).toBe(1);
        for (const version of seen) versions.add(version);
        if (i % 3 === 0) await store.get("feed:b");
      }
      expect(versions.size, "the publishes did not interleave with the reads").toBe(5);
    } finally {
      loop.kill("SIGKILL");
      await store.close();
    }
  });
});
