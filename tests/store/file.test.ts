import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFileStore } from "../../lib/store/file.js";
import { encodeKey } from "../../lib/store/file-io.js";
import { StoreUnavailableError } from "../../lib/store/types.js";
import { bigValue, randomPrefix, testStoreContract } from "./contract.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "axf-file-store-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

testStoreContract("file", async ({ keyPrefix }) => {
  const store = createFileStore({ dir, keyPrefix });
  return { store, cleanup: () => store.close() };
});

const KEYS = ["feed:a", "feed:b", "pool:a", "meta:refresh"];
const CHILD = fileURLToPath(new URL("./file-child.ts", import.meta.url));

/** Starts file-child.ts and resolves with it once it printed its first line. */
function startChild(args: string[]): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  return new Promise((resolve, reject) => {
    child.stderr?.on("data", (chunk) => {
      err += chunk;
    });
    child.stdout?.on("data", (chunk) => {
      out += chunk;
      const newline = out.indexOf("\n");
      if (newline >= 0) resolve({ child, line: out.slice(0, newline) });
    });
    child.once("exit", (code) => reject(new Error(`child exited (${code}) before answering: ${err}`)));
  });
}

const kill = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });

describe("file store: crashes and processes", () => {
  it("a publish killed (SIGKILL) before its commit leaves the previous state; writers carry on", async () => {
    const keyPrefix = randomPrefix();
    const store = createFileStore({ dir, keyPrefix, commandTimeoutMs: 2000 });
    await store.publish(Object.fromEntries(KEYS.map((key) => [key, { version: 1 }])));
    const { child } = await startChild([dir, keyPrefix, "hang-in-publish"]);
    // The child now holds the write mutex with version 2 on disk, uncommitted.
    expect(await store.getMany(KEYS)).toEqual(KEYS.map(() => ({ version: 1 })));
    await kill(child);
    expect(await createFileStore({ dir, keyPrefix }).getMany(KEYS)).toEqual(KEYS.map(() => ({ version: 1 })));
    // The dead process's mutex is taken over at once (its pid is gone), not after its expiry.
    const started = Date.now();
    await store.publish({ "feed:a": { version: 3 } });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await store.getMany(KEYS)).toEqual([
      { version: 3 },
      { version: 1 },
      { version: 1 },
      { version: 1 },
    ]);
  });

  it("killed at random moments while publishing, the folder always holds one whole version", async () => {
    for (let round = 0; round < 5; round++) {
      const keyPrefix = randomPrefix();
      const { child } = await startChild([dir, keyPrefix, "publish-loop"]);
      await new Promise((resolve) => setTimeout(resolve, 150 + Math.random() * 250));
      await kill(child);
      const values = await createFileStore({ dir, keyPrefix }).getMany<{ version: number }>(KEYS);
      const versions = new Set(values.map((value) => value?.version ?? 0));
      expect(versions.size, `mixed state after kill: ${[...versions]}`).toBe(1);
    }
  });

  it("five processes racing for one lock: exactly one gets a token", async () => {
    const keyPrefix = randomPrefix();
    const children = await Promise.all(
      Array.from({ length: 5 }, () => startChild([dir, keyPrefix, "acquire"])),
    );
    await Promise.all(children.map(({ child }) => kill(child)));
    const results = children.map(({ line }) => JSON.parse(line));
    expect(results.filter((token) => token !== null)).toHaveLength(1);
  });

  it("a failure before the commit (injected) changes nothing and releases the mutex", async () => {
    const keyPrefix = randomPrefix();
    const broken = createFileStore({
      dir,
      keyPrefix,
      beforeCommit: () => {
        throw new Error("disk full (simulated)");
      },
    });
    const store = createFileStore({ dir, keyPrefix });
    await store.publish({ "feed:a": 1, "feed:b": 1 });
    await expect(broken.publish({ "feed:a": 2, "feed:b": 2 })).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await store.getMany(["feed:a", "feed:b"])).toEqual([1, 1]);
    await store.set("feed:c", 3);
  });

  it("a live writer's mutex makes others wait, then give up with StoreUnavailableError", async () => {
    const own = await mkdtemp(join(tmpdir(), "axf-file-mutex-"));
    try {
      const store = createFileStore({ dir: own, commandTimeoutMs: 300 });
      await store.set("k", 1);
      const holder = { token: "t", pid: process.pid, host: hostname(), expiresAt: Date.now() + 60_000 };
      await writeFile(join(own, "write.lock"), JSON.stringify(holder));
      await expect(store.set("k", 2)).rejects.toThrow(/file store: set failed: .*timeout/);
      expect(await store.get("k")).toBe(1);
      // Past its expiry the same holder counts as gone.
      await writeFile(join(own, "write.lock"), JSON.stringify({ ...holder, expiresAt: Date.now() - 1 }));
      await store.set("k", 3);
      expect(await store.get("k")).toBe(3);
    } finally {
      await rm(own, { recursive: true, force: true });
    }
  });
});

describe("file store: files and reads", () => {
  it("a publish removes value files nobody references and expired per-key files", async () => {
    const own = await mkdtemp(join(tmpdir(), "axf-file-sweep-"));
    try {
      const store = createFileStore({ dir: own });
      await store.set("short", 1, { ttlSeconds: 0.05 });
      await store.set("long", 1, { ttlSeconds: 60 });
      await store.publish({ "feed:a": 1, "feed:b": 1 });
      await store.publish({ "feed:a": 2 });
      await new Promise((resolve) => setTimeout(resolve, 100));
      await store.publish({ "feed:b": null });
      expect((await readdir(join(own, "blobs"))).length).toBe(1);
      expect((await readdir(join(own, "keys"))).sort()).toEqual(["long"]);
      expect(await store.getMany(["feed:a", "feed:b", "long"])).toEqual([2, null, 1]);
    } finally {
      await rm(own, { recursive: true, force: true });
    }
  });

  it("another store instance (process) sees each publish; repeated reads of 1 MB are cached", async () => {
    const keyPrefix = randomPrefix();
    const writer = createFileStore({ dir, keyPrefix });
    const reader = createFileStore({ dir, keyPrefix });
    const snapshot = bigValue(1_000_000);
    await writer.publish({ "feed:all": snapshot });
    expect(await reader.get("feed:all")).toEqual(snapshot);
    const reads = 20;
    const started = performance.now();
    for (let i = 0; i < reads; i++) await reader.get("feed:all");
    const perRead = (performance.now() - started) / reads;
    console.info(
      `file store: cached read of a ${JSON.stringify(snapshot).length} B snapshot: ${perRead.toFixed(2)} ms`,
    );
    await writer.publish({ "feed:all": { ...snapshot, version: 2 } });
    expect(await reader.get("feed:all")).toMatchObject({ version: 2 });
  });

  it("encodes keys as distinct, portable, case-insensitive-safe file names", () => {
    expect(encodeKey("feed:cs.LG")).toBe("feed%3acs.^l^g");
    expect(encodeKey("summary:2601.00001v2:gpt-4o-mini:ab12cd:en")).toBe(
      "summary%3a2601.00001v2%3agpt-4o-mini%3aab12cd%3aen",
    );
    expect(encodeKey(".hidden")).toBe("%2ehidden");
    expect(encodeKey("x".repeat(300))).toMatch(/^~[0-9a-f]{64}$/);
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.string({ unit: "grapheme" }), (a, b) => {
        const [ea, eb] = [encodeKey(a), encodeKey(b)];
        expect(ea).toMatch(/^[a-z0-9._%^~-]*$/);
        expect(ea.length).toBeLessThanOrEqual(200);
        if (a !== b) expect(ea).not.toBe(eb);
      }),
    );
  });
});
