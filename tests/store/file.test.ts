import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFileStore } from "../../lib/store/file.js";
import { readLockHolder } from "../../lib/store/lock-holder.js";
import { DATABASE_FILE } from "../../lib/store/sqlite-file.js";
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
    const store = createFileStore({ dir, keyPrefix, commandTimeoutMs: 200 });
    await store.publish(Object.fromEntries(KEYS.map((key) => [key, { version: 1 }])));
    const { child } = await startChild([dir, keyPrefix, "hang-in-publish"]);
    // The child now holds the write lock with version 2 written, uncommitted: readers see 1,
    // and a writer gives up after its busy timeout with an error naming the operation.
    expect(await store.getMany(KEYS)).toEqual(KEYS.map(() => ({ version: 1 })));
    const refused = await store.set("feed:a", 9).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StoreUnavailableError);
    expect((refused as Error).message).toMatch(/^file store: set failed: .*SQLITE_BUSY/);
    await kill(child);
    expect(await createFileStore({ dir, keyPrefix }).getMany(KEYS)).toEqual(KEYS.map(() => ({ version: 1 })));
    // The dead process's lock went with it: the same 200 ms busy timeout is now plenty.
    await store.publish({ "feed:a": { version: 3 } });
    expect(await store.getMany(KEYS)).toEqual([
      { version: 3 },
      { version: 1 },
      { version: 1 },
      { version: 1 },
    ]);
    await store.close();
  });

  it("killed at random moments while publishing, the database always holds one whole version", async () => {
    const seen = new Set<number>();
    for (let round = 0; round < 5; round++) {
      const keyPrefix = randomPrefix();
      const { child } = await startChild([dir, keyPrefix, "publish-loop"]);
      await new Promise((resolve) => setTimeout(resolve, 150 + Math.random() * 250));
      await kill(child);
      const reader = createFileStore({ dir, keyPrefix });
      const values = await reader.getMany<{ version: number }>(KEYS);
      await reader.close();
      const versions = new Set(values.map((value) => value?.version ?? 0));
      expect(versions.size, `mixed state after kill: ${[...versions]}`).toBe(1);
      for (const version of versions) seen.add(version);
    }
    expect(Math.max(...seen), "no publish committed before a kill").toBeGreaterThan(0);
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

  it("a live process's lock holds; once the process is killed (SIGKILL) it is free at once", async () => {
    const keyPrefix = randomPrefix();
    const { child, line } = await startChild([dir, keyPrefix, "acquire"]);
    expect(JSON.parse(line)).toEqual(expect.any(String));
    const store = createFileStore({ dir, keyPrefix });
    expect(await store.acquireLock("race", 30)).toBeNull();
    expect(await readLockHolder(store, "race")).toMatchObject({ pid: child.pid });
    await kill(child);
    // The lock's 30 s TTL has not passed; its holder is gone.
    expect(await store.acquireLock("race", 30)).not.toBeNull();
    await store.close();
  });

  it("a failure before the commit (injected) changes nothing and releases the write lock", async () => {
    const keyPrefix = randomPrefix();
    const broken = createFileStore({
      dir,
      keyPrefix,
      beforeCommit: () => {
        throw new Error("disk full (simulated)");
      },
    });
    const store = createFileStore({ dir, keyPrefix, commandTimeoutMs: 200 });
    await store.publish({ "feed:a": 1, "feed:b": 1 });
    await expect(broken.publish({ "feed:a": 2, "feed:b": 2 })).rejects.toThrow(
      /^file store: publish failed: .*disk full/,
    );
    expect(await store.getMany(["feed:a", "feed:b"])).toEqual([1, 1]);
    await store.set("feed:c", 3);
    await Promise.all([broken.close(), store.close()]);
  });
});

describe("file store: the database file", () => {
  it("one file in the folder; a publish removes expired keys from it", async () => {
    const own = await mkdtemp(join(tmpdir(), "axf-file-expiry-"));
    try {
      const store = createFileStore({ dir: own });
      await store.set("short", 1, { ttlSeconds: 0.05 });
      await store.set("long", 1, { ttlSeconds: 60 });
      await store.publish({ "feed:a": 1 });
      await new Promise((resolve) => setTimeout(resolve, 100));
      await store.publish({ "feed:a": 2 });
      await store.close();
      expect(await readdir(own)).toEqual([DATABASE_FILE]);
      const db = new Database(join(own, DATABASE_FILE), { readonly: true });
      const keys = db.prepare("SELECT key FROM entries ORDER BY key").pluck().all();
      db.close();
      expect(keys).toEqual(["feed:a", "long"]);
    } finally {
      await rm(own, { recursive: true, force: true });
    }
  });

  it("another store instance (process) sees each publish of a 1 MB snapshot", async () => {
    const keyPrefix = randomPrefix();
    const writer = createFileStore({ dir, keyPrefix });
    const reader = createFileStore({ dir, keyPrefix });
    const snapshot = bigValue(1_000_000);
    await writer.publish({ "feed:all": snapshot });
    expect(await reader.get("feed:all")).toEqual(snapshot);
    await writer.publish({ "feed:all": { ...snapshot, version: 2 } });
    expect(await reader.get("feed:all")).toMatchObject({ version: 2 });
    await Promise.all([writer.close(), reader.close()]);
  });

  it("a folder removed under an open store (rm -rf .data) is created again by the next write", async () => {
    const own = await mkdtemp(join(tmpdir(), "axf-file-removed-"));
    try {
      const server = createFileStore({ dir: own });
      await server.set("feed:a", 1);
      await rm(own, { recursive: true, force: true });
      expect(await server.get("feed:a")).toBeNull();
      const refresh = createFileStore({ dir: own });
      await refresh.publish({ "feed:a": 2 });
      expect(await server.get("feed:a")).toBe(2);
      await Promise.all([server.close(), refresh.close()]);
      expect(await readdir(own)).toEqual([DATABASE_FILE]);
    } finally {
      await rm(own, { recursive: true, force: true });
    }
  });

  it("a .data folder of the old file store (manifest, blobs, keys) reads as empty and is re-filled", async () => {
    const own = await mkdtemp(join(tmpdir(), "axf-file-legacy-"));
    try {
      for (const sub of ["blobs", "keys", "tmp"]) await mkdir(join(own, sub));
      const manifest = { generation: 3, entries: { "axf:feed:all": { blob: "b1.json", expiresAt: null } } };
      await writeFile(join(own, "manifest.json"), JSON.stringify(manifest));
      await writeFile(join(own, "blobs", "b1.json"), JSON.stringify({ version: 1, papers: [] }));
      await writeFile(join(own, "keys", "axf%3ameta%3arefresh"), '{"expiresAt":null}\n{"old":true}');
      const store = createFileStore({ dir: own, keyPrefix: "axf:" });
      // Empty, so `npm start` refreshes on start as for a new folder; a refresh's writes just work.
      expect(await store.getMany(["feed:all", "meta:refresh"])).toEqual([null, null]);
      const token = await store.acquireLock("refresh", 30);
      await store.publish({ "feed:all": { version: 2 }, "meta:refresh": { ok: true } });
      expect(await store.releaseLock("refresh", token as string)).toBe(true);
      expect(await store.getMany(["feed:all", "meta:refresh"])).toEqual([{ version: 2 }, { ok: true }]);
      await store.close();
      expect(await readFile(join(own, "manifest.json"), "utf8")).toBe(JSON.stringify(manifest));
    } finally {
      await rm(own, { recursive: true, force: true });
    }
  });
});
