import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { readHead, unlinkOptional } from "./file-io.js";

/** What the file store's housekeeping may remove. */
export interface SweepOptions {
  blobsDir: string;
  keysDir: string;
  tmpDir: string;
  /** Value files the current manifest references; every other one goes. */
  liveBlobs: ReadonlySet<string>;
  /** Whether a per-key file's `expiresAt` (epoch ms) has passed. */
  isExpired: (expiresAt: number) => boolean;
  /** Time spent on per-key files at most, ms (default 200). */
  budgetMs?: number;
}

/** Temp files older than this are leftovers of crashed processes, ms. */
const TEMP_MAX_AGE_MS = 10 * 60_000;

/**
 * The file store's housekeeping, run by a publish while it holds the write mutex (so nothing it
 * inspects changes under it): value files no manifest references (old versions, crashed
 * publishes), expired per-key files, stale temp files. Per-key files are checked within a time
 * budget starting from a random point, so a big folder is covered over several publishes.
 */
export async function sweepFolder(options: SweepOptions): Promise<void> {
  for (const blob of await readdir(options.blobsDir)) {
    if (!options.liveBlobs.has(blob)) await unlinkOptional(join(options.blobsDir, blob));
  }

  const names = await readdir(options.keysDir);
  const start = Math.floor(Math.random() * names.length);
  const rotated = [...names.slice(start), ...names.slice(0, start)];
  const stop = Date.now() + (options.budgetMs ?? 200);
  for (let i = 0; i < rotated.length && Date.now() < stop; i += 32) {
    await Promise.all(
      rotated.slice(i, i + 32).map(async (name) => {
        const path = join(options.keysDir, name);
        const match = /"expiresAt":(\d+)/.exec((await readHead(path, 64)) ?? "");
        if (match && options.isExpired(Number(match[1]))) await unlinkOptional(path);
      }),
    );
  }

  for (const name of await readdir(options.tmpDir)) {
    const path = join(options.tmpDir, name);
    const { mtimeMs } = await stat(path).catch(() => ({ mtimeMs: Date.now() }));
    if (Date.now() - mtimeMs > TEMP_MAX_AGE_MS) await unlinkOptional(path);
  }
}
