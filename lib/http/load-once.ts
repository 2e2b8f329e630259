/**
 * `load` run once and its promise kept (a failed load is tried again next time), for modules a
 * handler loads on demand: an `import()` of a module already loaded still resolves it again,
 * which under `npm start`'s tsx is a round trip to the loader's thread (~0.5 ms a request).
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => {
    loaded ??= load().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    });
    return loaded;
  };
}
