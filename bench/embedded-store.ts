/**
 * The embedded store against the hand-written file store it replaced (issue 12, item 5):
 *
 *   npx tsx bench/embedded-store.ts [commit]
 *
 * `commit` (default af6d8c1, the last with the manifest-and-blobs store) is where the old driver
 * is read from git; it runs from node_modules/.cache so that its imports resolve. Prints lines of
 * code, and the median and p95 of: a read of a ~100 KB feed snapshot by a second store instance
 * (warm: nothing changed since its last read; after a publish: the first read that follows one),
 * and a publish of 5 such keys. Both drivers flush every commit to disk (their defaults).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createFileStore } from "../lib/store/file.js";
import type { Store } from "../lib/store/types.js";
import { bytes, median, ms, percentile, timeAsync } from "./stats.js";

const OLD_COMMIT = process.argv[2] ?? "af6d8c1";
const OLD_DRIVER = ["file.ts", "file-io.ts", "file-mutex.ts", "file-sweep.ts"];
const NEW_DRIVER = ["file.ts", "sqlite-file.ts", "holder-alive.ts"];
/** What the old driver imports from its folder, copied beside it as they were then. */
const OLD_SHARED = ["driver-support.ts", "lock-holder.ts", "types.ts"];
const READS = 200;
const PUBLISHES = 40;

type MakeStore = (dir: string) => Store;

/** A feed snapshot of about `size` bytes of JSON. */
function snapshot(size: number, version: number) {
  const paper = (i: number) => ({
    id: `2601.${String(i).padStart(5, "0")}`,
    title: `Paper ${i} — ü 論文`,
    abstract: "a".repeat(900),
    score: i / 7,
  });
  const count = Math.ceil(size / JSON.stringify(paper(0)).length);
  return {
    version,
    generatedAt: "2026-01-01T00:00:00Z",
    papers: Array.from({ length: count }, (_, i) => paper(i)),
  };
}

const lines = (files: string[], read: (file: string) => string) =>
  files.reduce((sum, file) => sum + read(file).split("\n").length - 1, 0);

/** The old driver, checked out of git into a folder from which `zod` resolves. */
async function loadOldDriver(): Promise<{ make: MakeStore; lines: number; cleanup(): void }> {
  const show = (file: string) =>
    execFileSync("git", ["show", `${OLD_COMMIT}:lib/store/${file}`], { encoding: "utf8" });
  const folder = resolve("node_modules/.cache", `axf-old-file-store-${process.pid}`);
  mkdirSync(folder, { recursive: true });
  for (const file of [...OLD_DRIVER, ...OLD_SHARED]) writeFileSync(join(folder, file), show(file));
  const module = (await import(pathToFileURL(join(folder, "file.ts")).href)) as {
    createFileStore: (options: { dir: string }) => Store;
  };
  return {
    make: (dir) => module.createFileStore({ dir }),
    lines: lines(OLD_DRIVER, show),
    cleanup: () => rmSync(folder, { recursive: true, force: true }),
  };
}

async function measure(make: MakeStore) {
  const dir = mkdtempSync(join(tmpdir(), "axf-bench-embedded-"));
  try {
    const writer = make(dir);
    const reader = make(dir);
    const keys = ["feed:all", "feed:cs.AI", "feed:cs.CL", "feed:cs.LG", "meta:refresh"];
    const publishOf = (version: number) =>
      Object.fromEntries(keys.map((key) => [key, snapshot(100_000, version)]));
    const size = JSON.stringify(snapshot(100_000, 1)).length;
    const publish: number[] = [];
    const afterPublish: number[] = [];
    for (let version = 1; version <= PUBLISHES; version++) {
      publish.push((await timeAsync(() => writer.publish(publishOf(version)))).ms);
      const read = await timeAsync(() => reader.get<{ version: number }>("feed:all"));
      if (read.value?.version !== version)
        throw new Error(`read version ${read.value?.version}, not ${version}`);
      afterPublish.push(read.ms);
    }
    const warm: number[] = [];
    for (let i = 0; i < READS; i++) warm.push((await timeAsync(() => reader.get("feed:all"))).ms);
    await Promise.all([writer.close(), reader.close()]);
    return { size, warm, afterPublish, publish };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const figure = (samples: number[]) => `median ${ms(median(samples))}, p95 ${ms(percentile(samples, 95))}`;

async function main() {
  const old = await loadOldDriver();
  try {
    const newLines = lines(NEW_DRIVER, (file) => readFileSync(join("lib/store", file), "utf8"));
    const rows: [string, number, Awaited<ReturnType<typeof measure>>][] = [
      [`hand-written file store (${OLD_COMMIT})`, old.lines, await measure(old.make)],
      ["SQLite (better-sqlite3, WAL)", newLines, await measure((dir) => createFileStore({ dir }))],
    ];
    console.log(
      `snapshot: ${bytes(rows[0]?.[2].size ?? 0)} of JSON; ${READS} warm reads, ${PUBLISHES} publishes of 5 keys`,
    );
    for (const [label, count, result] of rows) {
      console.log(`\n${label}: ${count} lines`);
      console.log(`  read, warm:          ${figure(result.warm)}`);
      console.log(`  read after publish:  ${figure(result.afterPublish)}`);
      console.log(`  publish of 5 keys:   ${figure(result.publish)}`);
    }
  } finally {
    old.cleanup();
  }
}

await main();
