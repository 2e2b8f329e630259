import { setTimeout as sleep } from "node:timers/promises";
import { type LockHolder, readLockHolder } from "./lock-holder.js";
import type { Store } from "./types.js";

/** Options of `withRenewedLock`. */
export interface RenewedLockOptions {
  /** TTL of the lock, seconds; renewed every third of it while the task runs. */
  ttlSeconds: number;
  /** Aborting it releases the lock at once and rejects with the signal's reason (Ctrl-C). */
  signal?: AbortSignal;
  log?: (line: string) => void;
}

/** The task's value, or who held the lock (null if it was freed meanwhile) when it was taken. */
export type LockedOutcome<T> = { status: "busy"; holder: LockHolder | null } | { status: "done"; value: T };

/** Rejects with the signal's reason once it aborts; otherwise settles as `promise` does. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
  });
  return Promise.race([promise, aborted]).finally(() => signal.removeEventListener("abort", onAbort));
}

/**
 * Runs `task` holding the lock `name` with a short TTL that is renewed while it runs, so a holder
 * that dies (SIGKILL, a killed function) blocks others for one TTL at most, however long a run
 * takes. Released when the task ends, throws, or `signal` aborts.
 */
export async function withRenewedLock<T>(
  store: Store,
  name: string,
  options: RenewedLockOptions,
  task: () => Promise<T>,
): Promise<LockedOutcome<T>> {
  const log = options.log ?? (() => {});
  options.signal?.throwIfAborted();
  const token = await store.acquireLock(name, options.ttlSeconds);
  if (!token) return { status: "busy", holder: await readLockHolder(store, name).catch(() => null) };
  const stop = new AbortController();
  const renewing = renewUntil(store, name, token, options.ttlSeconds, stop.signal, log);
  try {
    return { status: "done", value: await untilAborted(task(), options.signal) };
  } finally {
    stop.abort();
    await renewing;
    await store.releaseLock(name, token).catch(() => false);
  }
}

/** Renews the lock every third of its TTL until `stop` aborts; a failed renewal is logged and retried. */
async function renewUntil(
  store: Store,
  name: string,
  token: string,
  ttlSeconds: number,
  stop: AbortSignal,
  log: (line: string) => void,
): Promise<void> {
  const everyMs = (ttlSeconds * 1000) / 3;
  for (;;) {
    // The timer is unref'd so that it never keeps a finished process alive.
    const woke = await sleep(everyMs, true, { signal: stop, ref: false }).catch(() => false);
    if (!woke) return;
    try {
      if (!(await store.renewLock(name, token, ttlSeconds)))
        log(`the ${name} lock expired before it was renewed (another run may start)`);
    } catch (error) {
      log(`renewing the ${name} lock failed (${(error as Error).message}); retrying`);
    }
  }
}
