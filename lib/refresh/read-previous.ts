import { type RefreshMeta, RefreshMetaSchema } from "../model/refresh-meta.js";
import { type FeedSnapshot, RankedPaperSchema } from "../model/snapshot.js";
import { FeedFrameWithAnyPapersSchema } from "../model/stored-shapes.js";
import { getEach } from "../store/get-each.js";
import { feedKey, META_REFRESH_KEY } from "../store/keys.js";
import { readStored } from "../store/read-stored.js";
import { type Store, StoreDataError } from "../store/types.js";

export interface PreviousState {
  feeds: Map<string, FeedSnapshot | null>;
  meta: RefreshMeta | null;
}

/**
 * A stored feed as this version reads it: the frame must be right, and papers that are not
 * (say a field an older version did not write) are dropped one by one, so one odd paper does
 * not cost the feed its whole history. Null when the frame itself is wrong.
 */
function readFeed(key: string, value: unknown, log: (line: string) => void): FeedSnapshot | null {
  const frame = orRewritten(
    () => readStored(FeedFrameWithAnyPapersSchema, value, key, "a feed snapshot"),
    log,
  );
  if (!frame) return null;
  const papers = frame.papers.flatMap((paper) => {
    const parsed = RankedPaperSchema.safeParse(paper);
    return parsed.success ? [parsed.data] : [];
  });
  const dropped = frame.papers.length - papers.length;
  if (dropped > 0) log(`${dropped} unreadable paper(s) in "${key}" dropped`);
  return { ...frame, papers };
}

/** What `read` returns, or null when it is unreadable stored data (logged: the refresh rewrites it). */
function orRewritten<T>(read: () => T | null, log: (line: string) => void): T | null {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof StoreDataError)) throw error;
    log(`${error.message}; it will be rewritten`);
    return null;
  }
}

/**
 * What the last refresh stored: the feeds this one merges into and its run record, one command.
 * The refresh is what repairs unreadable data, so it must not fail on it: a value that is not
 * JSON or not of this version's shape (validated, as history is merged from it) is logged and
 * treated as absent, and the refresh writes a good one in its place.
 */
export async function readPrevious(
  store: Store,
  names: readonly string[],
  log: (line: string) => void,
): Promise<PreviousState> {
  const keys = [...names.map(feedKey), META_REFRESH_KEY];
  const values = (await getEach(store, keys)).map((value) => {
    if (!(value instanceof StoreDataError)) return value ?? null;
    log(`${value.message}; it will be rewritten`);
    return null;
  });
  const feeds = new Map(
    names.map((name, i) => {
      const value = values[i] ?? null;
      return [name, readFeed(keys[i] ?? "", value, log)];
    }),
  );
  const storedMeta = values[names.length] ?? null;
  const meta = orRewritten(
    () => readStored(RefreshMetaSchema, storedMeta, META_REFRESH_KEY, "a refresh record"),
    log,
  );
  return { feeds, meta };
}
