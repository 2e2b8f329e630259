import { readFileSync } from "node:fs";
import { hostname } from "node:os";

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

/**
 * False when a lock's holder is a dead process on this host: the embedded store, shared only by
 * processes of one machine, takes such a lock over at once. (Expiry is the stored row's own, on
 * the store's clock: an expired lock is never read as held.)
 */
export function isLiveHolder(holder: { pid: number; host: string }): boolean {
  return !(holder.host === hostname() && !isAlive(holder.pid));
}
