import { type Store, StoreDataError } from "./types.js";

/**
 * Every key's value, in one command when all are readable. A value that is not JSON comes back
 * as its StoreDataError in place of the value, so a caller can skip an unreadable optional key,
 * or fail on a required one, without losing the rest. Each unreadable key costs one more
 * command for the others (the error names it), never a read per key.
 */
export async function getEach(store: Store, keys: readonly string[]): Promise<unknown[]> {
  const result: unknown[] = new Array(keys.length).fill(null);
  let pending = keys.map((key, index) => ({ key, index }));
  while (pending.length > 0) {
    try {
      const values = await store.getMany(pending.map((p) => p.key));
      pending.forEach((p, i) => {
        result[p.index] = values[i] ?? null;
      });
      return result;
    } catch (error) {
      if (!(error instanceof StoreDataError)) throw error;
      const bad = pending.filter((p) => p.key === error.key);
      // An error that names none of the keys cannot be narrowed down: give up on all of them.
      if (bad.length === 0) throw error;
      for (const p of bad) result[p.index] = error;
      pending = pending.filter((p) => p.key !== error.key);
    }
  }
  return result;
}
