/**
 * The embedded store's database damaged from outside (truncated, overwritten): readers get a
 * StoreDataError naming the file (503 on the read path), and the next write, a refresh taking
 * its lock, moves the damaged file aside and starts an empty database that the refresh fills.
 */
import { mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFileStore } from "../../lib/store/file.js";
import { getEach } from "../../lib/store/get-each.js";
import { readLockHolder } from "../../lib/store/lock-holder.js";
import { DATABASE_FILE } from "../../lib/store/sqlite-file.js";
import { StoreDataError } from "../../lib/store/types.js";
import { bigValue } from "./contract.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "axf-file-heal-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const database = () => join(dir, DATABASE_FILE);

/** Ways the database file gets damaged from outside. */
const DAMAGE: Record<string, (path: string) => Promise<void>> = {
  "truncated to half": async (path) => truncate(path, Math.floor((await stat(path)).size / 2)),
  "overwritten with other bytes": async (path) => writeFile(path, "x".repeat((await stat(path)).size)),
  "header overwritten": async (path) => {
    const bytes = await readFile(path);
    bytes.fill(0x7a, 0, 100);
    await writeFile(path, bytes);
  },
};

describe("file store: a damaged database file", () => {
  for (const [how, damage] of Object.entries(DAMAGE)) {
    it(`${how}: reads fail with a StoreDataError naming it; the next refresh rebuilds it`, async () => {
      const writer = createFileStore({ dir });
      await writer.publish({ "feed:a": bigValue(100_000), "feed:b": bigValue(100_000), "meta:refresh": 1 });
      await writer.set("summary:x", "kept");
      await writer.close();
      // The server, reading before the damage: it keeps its connection open throughout.
      const server = createFileStore({ dir });
      expect(await server.get("meta:refresh")).toBe(1);
      await damage(database());

      const reader = createFileStore({ dir });
      const error = await reader.get("feed:a").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreDataError);
      expect((error as StoreDataError).key).toBe("feed:a");
      expect((error as Error).message).toMatch(
        /embedded database store\.sqlite is damaged \(.+\); the next refresh rebuilds it/,
      );
      expect((error as Error).message).not.toContain(dir);
      // Each key gets its own error (getEach), so a refresh sees every published value as unreadable.
      const each = await getEach(reader, ["feed:a", "meta:refresh"]);
      expect(each.every((value) => value instanceof StoreDataError)).toBe(true);

      // A refresh's writes: the lock (which rebuilds the database), summaries, the publish.
      const refresh = createFileStore({ dir });
      const token = await refresh.acquireLock("refresh", 30);
      expect(token).not.toBeNull();
      await refresh.set("summary:y", "new");
      await refresh.publish({ "feed:a": { version: 2 }, "meta:refresh": 2 });
      const keys = ["feed:a", "feed:b", "meta:refresh", "summary:x", "summary:y"];
      const rebuilt = [{ version: 2 }, null, 2, null, "new"];
      expect(await refresh.getMany(keys)).toEqual(rebuilt);
      expect(await refresh.releaseLock("refresh", token as string)).toBe(true);
      // The reader that saw the damage, and the server's store, read the new file.
      expect(await reader.getMany(keys)).toEqual(rebuilt);
      expect(await server.getMany(keys)).toEqual(rebuilt);
      await Promise.all([reader.close(), refresh.close(), server.close()]);
      // The damaged file is kept aside, for whoever wants to look at it.
      const names = await readdir(dir);
      expect(names).toContain(DATABASE_FILE);
      expect(names.some((name) => /^store\.sqlite\.damaged-[\dT-]+Z$/.test(name))).toBe(true);
    });
  }

  it("a damaged lock value is nobody's lock: readLockHolder says none, the next acquire takes it", async () => {
    const store = createFileStore({ dir });
    await store.acquireLock("refresh", 900);
    await store.set("lock:refresh", { not: "a lock" });
    expect(await readLockHolder(store, "refresh")).toBeNull();
    expect(await store.acquireLock("refresh", 900)).not.toBeNull();
    await store.close();
  });
});
