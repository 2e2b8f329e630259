import { type RefreshMeta, RefreshMetaSchema } from "../model/refresh-meta.js";
import { type FeedSnapshot, FeedSnapshotSchema } from "../model/snapshot.js";
import { feedKey, META_REFRESH_KEY } from "../store/keys.js";
import { type Store, StoreDataError } from "../store/types.js";

export interface PreviousState {
  feeds: Map<string, FeedSnapshot | null>;
  meta: RefreshMeta | null;
}

/** Every key's value; a value that is not JSON reads as null instead of failing the others. */
async function readEach(
  store: Store,
  keys: readonly string[],
  log: (line: string) => void,
): Promise<unknown[]> {
  try {
    return await store.getMany(keys);
  } catch (error) {
    if (!(error instanceof StoreDataError)) throw error;
    return Promise.all(
      keys.map((key) =>
        store.get(key).catch((e: unknown) => {
          if (!(e instanceof StoreDataError)) throw e;
          log(`${e.message}; it will be rewritten`);
          return null;
        }),
      ),
    );
  }
}

/**
 * What the last refresh stored: the feeds this one merges into and its run record, one command.
 * The refresh is what repairs unreadable data, so it must not fail on it: a value that is not
 * JSON or not of this version's shape (fully validated, as history is merged from it) is logged
 * and treated as absent, and the refresh writes a good one in its place.
 */
export async function readPrevious(
  store: Store,
  names: readonly string[],
  log: (line: string) => void,
): Promise<PreviousState> {
  const keys = [...names.map(feedKey), META_REFRESH_KEY];
  const values = await readEach(store, keys, log);
  const valid = <T>(
    schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
    i: number,
  ) => {
    const value = values[i] ?? null;
    if (value === null) return null;
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    log(`the value stored under "${keys[i]}" is not of this version's shape; it will be rewritten`);
    return null;
  };
  return {
    feeds: new Map(names.map((name, i) => [name, valid<FeedSnapshot>(FeedSnapshotSchema, i)])),
    meta: valid<RefreshMeta>(RefreshMetaSchema, names.length),
  };
}
