import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { link, readFile, rename, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { StoreTimeoutError } from "./driver-support.js";
import { isMissing, unlinkOptional } from "./file-io.js";

/** Options of the cross-process write mutex of the file store. */
export interface FileMutexOptions {
  /** The mutex file; it exists while someone holds the mutex. */
  path: string;
  /** Folder for temp files, on the same file system as `path`. */
  tmpDir: string;
  /** How long to wait for the mutex before giving up, ms. */
  waitMs: number;
  /** After this long a holder is presumed dead and its mutex may be taken over, ms (default 30 000). */
  staleMs?: number;
}

interface Holder {
  token: string;
  pid: number;
  host: string;
  expiresAt: number;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  return !isZombie(pid);
}

/**
 * On Linux, whether `pid` is a killed process its parent has not reaped yet: it still answers
 * signal 0, but will never release anything (containers whose init reaps slowly keep them).
 */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return /^[ZX]/.test(stat.slice(stat.lastIndexOf(")") + 2));
  } catch {
    return false;
  }
}

/** False when a holder is past its expiry (epoch ms) or a dead process on this host. */
export function isLiveHolder(holder: { pid: number; host: string; expiresAt: number }): boolean {
  return holder.expiresAt > Date.now() && !(holder.host === hostname() && !isAlive(holder.pid));
}

/**
 * Removes the mutex if its holder is gone: past its expiry, or a dead process on this host.
 * Returns true when the caller should try again at once.
 */
async function clearIfStale(path: string, tmpDir: string): Promise<boolean> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if (isMissing(error)) return true;
    throw error;
  }
  let stale: boolean;
  try {
    const holder = JSON.parse(text) as Holder;
    stale = typeof holder.expiresAt === "number" ? !isLiveHolder(holder) : true;
  } catch {
    // link() only ever puts a complete holder in place: unreadable content is damage from
    // outside (a truncated file), nobody's mutex, so waiting for it would only fail every write.
    stale = true;
  }
  if (!stale) return false;
  // Move it aside and check that what moved is the stale file we judged, not a new holder's
  // (another waiter may have taken over in between); a new holder's file is put back.
  const aside = join(tmpDir, `stale-${randomUUID()}`);
  try {
    await rename(path, aside);
  } catch (error) {
    if (isMissing(error)) return true;
    throw error;
  }
  if ((await readFile(aside, "utf8")) !== text) await link(aside, path).catch(() => {});
  await unlinkOptional(aside);
  return true;
}

/**
 * Runs `task` while holding an exclusive mutex shared by every process using the same folder.
 * The mutex file is created complete and atomically (a temp file hard-linked into place, which
 * fails if it exists); it names its holder (pid, host) and an expiry so that a crashed holder's
 * mutex is taken over. Rejects with StoreTimeoutError after `waitMs`.
 *
 * Limit: the takeover of a crashed holder's mutex is exact for one waiting process; if several
 * wait at that same moment, two could in a rare interleaving both go ahead once.
 */
export async function withFileMutex<T>(options: FileMutexOptions, task: () => Promise<T>): Promise<T> {
  const staleMs = options.staleMs ?? 30_000;
  const holder: Holder = { token: randomUUID(), pid: process.pid, host: hostname(), expiresAt: 0 };
  const temp = join(options.tmpDir, `mutex-${holder.token}`);
  const deadline = Date.now() + options.waitMs;
  let delay = 1;
  try {
    for (;;) {
      holder.expiresAt = Date.now() + staleMs;
      await writeFile(temp, JSON.stringify(holder));
      try {
        await link(temp, options.path);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const retryNow = await clearIfStale(options.path, options.tmpDir);
      if (Date.now() >= deadline) throw new StoreTimeoutError(options.waitMs);
      if (retryNow) continue;
      await sleep(delay);
      delay = Math.min(delay * 2, 20);
    }
  } finally {
    await unlinkOptional(temp);
  }
  try {
    return await task();
  } finally {
    const current = await readFile(options.path, "utf8").catch(() => "");
    if (current.includes(holder.token)) await unlinkOptional(options.path);
  }
}
