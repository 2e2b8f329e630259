import { type Store, StoreDataError } from "./types.js";

/**
 * Every key's value, in one command when all are readable. A value that is not JSON comes back
 * as its StoreDataError in place of the value (found by reading the keys one by one), so a
 * caller can skip an unreadable optional key, or fail on a required one, without losing the rest.
 */
export async function getEach(store: Store, keys: readonly string[]): Promise<unknown[]> {
  try {
    return await store.getMany(keys);
  } catch (error) {
    if (!(error instanceof StoreDataError)) throw error;
    return Promise.all(
      keys.map((key) =>
        store.get(key).catch((e: unknown) => {
          if (e instanceof StoreDataError) return e;
          throw e;
        }),
      ),
    );
  }
}
