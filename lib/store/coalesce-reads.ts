import type { Store } from "./types.js";

/**
 * A store whose concurrent `get`s of one key (or `getMany`s of one key list) share a single read: when fifty readers poll the
 * same feed at once (a CDN miss, a reader fleet), the store sees one command, not fifty, and a
 * warm function does not queue fifty copies of a megabyte-sized pool. Sequential reads are
 * untouched (still one command each, nothing is cached). The shared value is read-only to
 * callers, as every snapshot already is.
 */
export function coalesceReads(store: Store): Store {
  const inFlight = new Map<string, Promise<unknown>>();
  const shared = <T>(id: string, read: () => Promise<T>): Promise<T> => {
    let pending = inFlight.get(id) as Promise<T> | undefined;
    if (!pending) {
      pending = read().finally(() => inFlight.delete(id));
      inFlight.set(id, pending);
    }
    return pending;
  };
  // Drivers are plain objects of closures, so everything else passes through the spread.
  return {
    ...store,
    get: <T>(key: string) => shared(`get\n${key}`, () => store.get<T>(key)),
    // A personal feed reads its feed and pools together; the same key list shares one read.
    getMany: <T>(keys: readonly string[]) =>
      shared(`getMany\n${keys.join("\n")}`, () => store.getMany<T>(keys)),
  };
}
