/**
 * The file store's own files damaged from outside (a truncated manifest.json, an emptied lock
 * file): readers get a StoreDataError naming the problem (503 on the read path), writers carry
 * on, and the next publish rebuilds the manifest. Also: a dead process's lock is free at once.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFileStore } from "../../lib/store/file.js";
import { encodeKey } from "../../lib/store/file-io.js";
import { getEach } from "../../lib/store/get-each.js";
import { readLockHolder } from "../../lib/store/lock-holder.js";
import { StoreDataError } from "../../lib/store/types.js";
import { randomPrefix } from "./contract.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "axf-file-heal-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const manifest = () => join(dir, "manifest.json");
const keyFile = (fullKey: string) => join(dir, "keys", encodeKey(fullKey));

/** Ways a file gets damaged from outside. */
const DAMAGE: Record<string, (path: string) => Promise<void>> = {
  "truncated to half": async (path) => truncate(path, Math.floor((await readFile(path)).length / 2)),
  emptied: (path) => truncate(path, 0),
  "overwritten with another shape": (path) => writeFile(path, '{"generation":"x","entries":[]}'),
};

describe("file store: a damaged manifest.json", () => {
  for (const [how, damage] of Object.entries(DAMAGE)) {
    it(`${how}: reads fail with a StoreDataError naming it; writes go on; the next publish rebuilds it`, async () => {
      const keyPrefix = randomPrefix();
      const store = createFileStore({ dir, keyPrefix });
      await store.publish({ "feed:a": { version: 1 }, "feed:b": { version: 1 }, "meta:refresh": 1 });
      await store.set("summary:x", "kept");
      await damage(manifest());

      const error = await store.get("feed:a").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreDataError);
      expect((error as StoreDataError).key).toBe("feed:a");
      expect((error as Error).message).toMatch(/manifest\.json is damaged.*next refresh rebuilds it/);
      // Each key gets its own error (getEach), so a refresh sees every published value as unreadable.
      const each = await getEach(store, ["feed:a", "meta:refresh"]);
      expect(each.every((value) => value instanceof StoreDataError)).toBe(true);

      // A refresh's writes: the lock, summaries, then the publish that heals the folder.
      const token = await store.acquireLock("refresh", 30);
      expect(token).not.toBeNull();
      await store.set("summary:y", "new");
      await store.publish({ "feed:a": { version: 2 }, "meta:refresh": 2 });
      expect(await store.getMany(["feed:a", "feed:b", "meta:refresh", "summary:x", "summary:y"])).toEqual([
        { version: 2 },
        null,
        2,
        "kept",
        "new",
      ]);
      expect(await store.releaseLock("refresh", token as string)).toBe(true);
      // Another process's view agrees.
      expect(await createFileStore({ dir, keyPrefix }).get("feed:a")).toEqual({ version: 2 });
    });
  }
});

describe("file store: a damaged per-key file", () => {
  for (const [how, damage] of Object.entries(DAMAGE)) {
    it(`${how} lock file: readers get a StoreDataError, the next acquire takes the lock`, async () => {
      const keyPrefix = randomPrefix();
      const store = createFileStore({ dir, keyPrefix });
      const old = await store.acquireLock("refresh", 900);
      await damage(keyFile(`${keyPrefix}lock:refresh`));
      if (how !== "overwritten with another shape") {
        const error = await store.get("lock:refresh").catch((e: unknown) => e);
        expect(error).toBeInstanceOf(StoreDataError);
        expect((error as Error).message).toMatch(/"lock:refresh" (is in a damaged file|is not JSON)/);
      }
      expect(await readLockHolder(store, "refresh")).toBeNull();
      expect(await store.renewLock("refresh", old as string, 900)).toBe(false);
      const token = await store.acquireLock("refresh", 900);
      expect(token).not.toBeNull();
      expect(await readLockHolder(store, "refresh")).toMatchObject({ token, pid: process.pid });
    });
  }
});

describe("file store: a damaged write.lock (the writers' mutex)", () => {
  for (const [how, text] of Object.entries({ emptied: "", "cut short": '{"token":"t","pid":1' })) {
    it(`${how}: it is nobody's mutex, so the next write goes ahead at once`, async () => {
      const own = await mkdtemp(join(tmpdir(), "axf-file-heal-mutex-"));
      try {
        const store = createFileStore({ dir: own, commandTimeoutMs: 1000 });
        await store.set("k", 1);
        await writeFile(join(own, "write.lock"), text);
        await store.set("k", 2);
        expect(await store.acquireLock("refresh", 30)).not.toBeNull();
        expect(await store.get("k")).toBe(2);
      } finally {
        await rm(own, { recursive: true, force: true });
      }
    });
  }
});

const CHILD = fileURLToPath(new URL("./file-child.ts", import.meta.url));

describe("file store: the holder of a lock", () => {
  it("a live process's lock holds; once the process is killed (SIGKILL) it is free at once", async () => {
    const keyPrefix = randomPrefix();
    const child: ChildProcess = spawn(
      process.execPath,
      ["--import", "tsx", CHILD, dir, keyPrefix, "acquire"],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const line = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout?.on("data", (chunk) => {
        out += chunk;
        if (out.includes("\n")) resolve(out.trim());
      });
      child.once("exit", (code) => reject(new Error(`child exited (${code})`)));
    });
    expect(JSON.parse(line)).toEqual(expect.any(String));
    const store = createFileStore({ dir, keyPrefix });
    expect(await store.acquireLock("race", 30)).toBeNull();
    expect(await readLockHolder(store, "race")).toMatchObject({ pid: child.pid });
    await new Promise((resolve) => {
      child.once("exit", resolve);
      child.kill("SIGKILL");
    });
    // The lock's 30 s TTL has not passed; its holder is gone.
    expect(await store.acquireLock("race", 30)).not.toBeNull();
  });
});
