/**
 * A separate process using the embedded store, for file.test.ts (run with `node --import tsx`):
 *   file-child.ts <dir> <prefix> hang-in-publish   publish, but stop before the commit and wait to be killed
 *   file-child.ts <dir> <prefix> publish-loop      publish versions 1, 2, … of four keys until killed
 *   file-child.ts <dir> <prefix> acquire           print the result of one acquireLock("race"), then wait to be killed
 *   file-child.ts <dir> <prefix> publish <json>    publish the entries of the JSON object once, and exit
 * It prints "ready" (or the result) on stdout.
 */
import { writeSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { createFileStore } from "../../lib/store/file.js";

const [dir = "", keyPrefix = "", mode = ""] = process.argv.slice(2);
const CHILD_KEYS = ["feed:a", "feed:b", "pool:a", "meta:refresh"];
const versionOf = (version: number) =>
  Object.fromEntries(CHILD_KEYS.map((key) => [key, { version, pad: "p".repeat(50_000) }]));

if (mode === "hang-in-publish") {
  const store = createFileStore({
    dir,
    keyPrefix,
    // The transaction is synchronous: block this thread in it, holding SQLite's write lock.
    beforeCommit: () => {
      writeSync(1, "ready\n");
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
    },
  });
  await store.publish(versionOf(2));
} else if (mode === "publish-loop") {
  const store = createFileStore({ dir, keyPrefix, commandTimeoutMs: 10_000 });
  process.stdout.write("ready\n");
  for (let version = 1; ; version++) await store.publish(versionOf(version));
} else if (mode === "publish") {
  const store = createFileStore({ dir, keyPrefix, commandTimeoutMs: 10_000 });
  await store.publish(JSON.parse(process.argv[5] ?? "{}") as Record<string, unknown>);
  await store.close();
} else if (mode === "acquire") {
  const store = createFileStore({ dir, keyPrefix, commandTimeoutMs: 10_000 });
  process.stdout.write(`${JSON.stringify(await store.acquireLock("race", 30))}\n`);
  // Stay alive: a dead process's lock is free for the taking.
  await sleep(60_000);
}
