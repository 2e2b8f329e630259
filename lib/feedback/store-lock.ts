import { setTimeout as sleep } from "node:timers/promises";
import { machineNow } from "../clock.js";
import { HttpError } from "../http/http-error.js";
import { lockKey } from "../store/driver-support.js";
import { LockHolderSchema } from "../store/lock-holder.js";
import type { Store } from "../store/types.js";

/**
 * TTL of a profile lock, seconds: far longer than one read and one write take, so it only
 * matters when a holder dies (a killed function), which then blocks that profile this long.
 */
const LOCK_TTL_SECONDS = 10;

/** How long a change waits for another request's lock on the same profile, ms. */
const WAIT_MS = 3000;

/** Seconds a client is asked to wait when the lock stays held. */
const BUSY_RETRY_SECONDS = 2;

const busy = (why: string) =>
  new HttpError(503, `${why}; try again in a moment`, {}, { "retry-after": String(BUSY_RETRY_SECONDS) });

/**
 * Reads `keys` for a change made under the lock, in one command: the values, in order. It also
 * reads the lock and fails (503) if this holder no longer owns it. Being a `getMany` that names
 * the lock key, it never shares an in-flight read with a reader (the process's store coalesces
 * concurrent reads of one key list), which could hand back a value from before the last write.
 */
export type LockedRead = (keys: readonly string[]) => Promise<unknown[]>;

async function acquire(store: Store, name: string): Promise<string> {
  const deadline = machineNow() + WAIT_MS;
  for (;;) {
    const token = await store.acquireLock(name, LOCK_TTL_SECONDS);
    if (token) return token;
    if (machineNow() >= deadline) throw busy("this profile is being changed by another request");
    // Jittered, so waiters on one profile do not retry in lockstep.
    await sleep(5 + Math.random() * 20);
  }
}

/**
 * Runs `task` holding the store lock `name`, waiting up to {@link WAIT_MS} for it (503 with
 * Retry-After past that). The store has no compare-and-set, so this lock is what keeps two
 * concurrent votes on one profile from losing one another; `task` reads through the given
 * {@link LockedRead}, which checks the lock is still held. The window left: a holder stalled for
 * the whole TTL between that read and its write, while another took the lock over.
 */
export async function withStoreLock<T>(
  store: Store,
  name: string,
  task: (read: LockedRead) => Promise<T>,
): Promise<T> {
  const token = await acquire(store, name);
  const read: LockedRead = async (keys) => {
    const values = await store.getMany([...keys, lockKey(name)]);
    const holder = LockHolderSchema.safeParse(values.at(-1));
    if (!holder.success || holder.data.token !== token)
      throw busy("this change took too long and lost its lock");
    return values.slice(0, keys.length).map((value) => value ?? null);
  };
  try {
    return await task(read);
  } finally {
    await store.releaseLock(name, token).catch(() => false);
  }
}
