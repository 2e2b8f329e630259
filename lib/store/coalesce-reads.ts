import type { Store } from "./types.js";

/**
 * A store whose concurrent `get`s of one key share a single read: when fifty readers poll the
 * same feed at once (a CDN miss, a reader fleet), the store sees one command, not fifty, and a
 * warm function does not queue fifty copies of a megabyte-sized pool. Sequential reads are
 * untouched (still one command each, nothing is cached). The shared value is read-only to
 * callers, as every snapshot already is.
 */
export function coalesceReads(store: Store): Store {
  const inFlight = new Map<string, Promise<unknown>>();
  return {
    ...store,
    driver: store.driver,
    get<T>(key: string): Promise<T | null> {
      let pending = inFlight.get(key) as Promise<T | null> | undefined;
      if (!pending) {
        pending = store.get<T>(key).finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      return pending;
    },
    getMany: (keys) => store.getMany(keys),
    set: (key, value, options) => store.set(key, value, options),
    publish: (entries, options) => store.publish(entries, options),
    delete: (key) => store.delete(key),
    acquireLock: (name, ttl) => store.acquireLock(name, ttl),
    releaseLock: (name, token) => store.releaseLock(name, token),
    close: () => store.close(),
  };
}
