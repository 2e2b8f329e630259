import { randomUUID } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import {
  DEFAULT_COMMAND_TIMEOUT_MS,
  lockKey,
  lockTtlMs,
  newLockToken,
  parseStored,
  publishEntries,
  storeUnavailable,
  toJson,
  ttlMs,
} from "./driver-support.js";
import { encodeKey, readHead, readOptional, unlinkOptional, writeFileAtomic } from "./file-io.js";
import { isLiveHolder, withFileMutex } from "./file-mutex.js";
import { sweepFolder } from "./file-sweep.js";
import { lockValue, parseLockValue, renewedLockValue } from "./lock-holder.js";
import { type PublishOptions, type SetOptions, type Store, StoreDataError } from "./types.js";

/** Options of the embedded file driver. */
export interface FileStoreOptions {
  /** Folder of the data (created on first write), e.g. `.data`. */
  dir: string;
  /** Prepended to every key (default none; `createStore` passes the configured one). */
  keyPrefix?: string;
  /** How long a write waits for another process's write to finish, ms (default 3000). */
  commandTimeoutMs?: number;
  /** Flush files to disk before they become visible (default true; survives power loss). */
  durable?: boolean;
  /** Clock in epoch milliseconds, for expiry. */
  now?: () => number;
  /** Test hook: runs inside `publish` after the new values are on disk, before the commit. */
  beforeCommit?: () => void | Promise<void>;
}

/** A published key: its value file and expiry (epoch ms); null marks a key published as deleted. */
const ManifestEntrySchema = z.object({ blob: z.string(), expiresAt: z.number().nullable() }).nullable();
const ManifestSchema = z.object({
  generation: z.number(),
  entries: z.record(z.string(), ManifestEntrySchema),
});
type Manifest = z.infer<typeof ManifestSchema>;
interface LoadedManifest {
  /** The file's text; null when there is none yet. */
  text: string | null;
  manifest: Manifest;
  /** Set when manifest.json is not a manifest (truncated, overwritten): what readers are told. */
  damage?: string;
}
/** A per-key file whose header is unreadable; readers get a StoreDataError saying so. */
interface Damaged {
  damage: string;
}
type ReadResult = string | null | Damaged;

const NO_MANIFEST: LoadedManifest = { text: null, manifest: { generation: 0, entries: {} } };
const MANIFEST_DAMAGE =
  "cannot be read: the file store's manifest.json is damaged (not a manifest); the next refresh rebuilds it";

/**
 * The manifest in `text`; damaged (and read as empty by writers) when it is not one. It is
 * written whole by a rename, so even an empty file is damage from outside, not a write in flight.
 */
function parseManifest(text: string | null): LoadedManifest {
  if (text === null) return NO_MANIFEST;
  try {
    const parsed = ManifestSchema.safeParse(JSON.parse(text));
    if (parsed.success) return { text, manifest: parsed.data };
  } catch {}
  return { text, manifest: NO_MANIFEST.manifest, damage: MANIFEST_DAMAGE };
}

/** The expiry in a per-key file's header line, or undefined when the header is unreadable. */
function parseHeader(line: string): { expiresAt: number | null } | undefined {
  try {
    const header = JSON.parse(line) as { expiresAt?: unknown };
    const { expiresAt = null } = header;
    return expiresAt === null || typeof expiresAt === "number" ? { expiresAt } : undefined;
  } catch {
    return undefined;
  }
}
/** A value file vanished under a reader: the manifest moved on, read again. */
const RETRY = Symbol("retry");
/** No per-key file: absent, if the manifest is still the one the read started from. */
const MISSING = Symbol("missing");

/**
 * Store in a folder, for `npm start` without accounts. Layout:
 * - `manifest.json`: what the last `publish` wrote: key → immutable value file in `blobs/`.
 *   A publish writes its value files, then replaces the manifest in one rename: that rename is
 *   the commit, so readers see all of a publish or none of it, and a crash before it leaves the
 *   previous state. Readers cache the manifest by its stat and value files by name.
 * - `keys/<encoded key>`: values written by `set` (line 1 `{"expiresAt":…}`, line 2 the JSON).
 *   A key in the manifest is read from the manifest; `set`/`delete` take it out of it.
 * - `write.lock`: a mutex every writing process takes (see `file-mutex.ts`); readers take none.
 * Every file is written to `tmp/` and renamed into place. Old and expired files are removed by
 * the next publish (`file-sweep.ts`).
 */
export function createFileStore(options: FileStoreOptions): Store {
  const prefix = options.keyPrefix ?? "";
  const now = options.now ?? Date.now;
  const durable = options.durable ?? true;
  const paths = {
    manifest: join(options.dir, "manifest.json"),
    mutex: join(options.dir, "write.lock"),
    keys: join(options.dir, "keys"),
    blobs: join(options.dir, "blobs"),
    tmp: join(options.dir, "tmp"),
  };
  const keyPath = (fullKey: string) => join(paths.keys, encodeKey(fullKey));
  const expired = (expiresAt: number | null | undefined) =>
    typeof expiresAt === "number" && expiresAt <= now();
  const write = (path: string, text: string) => writeFileAtomic(path, text, paths.tmp, durable);

  let loaded = NO_MANIFEST;
  const blobCache = new Map<string, string>();
  const manifestText = () => readOptional(paths.manifest);

  // The manifest is small (one line per published key) and read on every request; comparing
  // its text is exact where an mtime/inode signature can repeat on coarse-clock file systems.
  const loadManifest = async (): Promise<LoadedManifest> => {
    const text = await manifestText();
    if (text === loaded.text) return loaded;
    loaded = parseManifest(text);
    const live = new Set(Object.values(loaded.manifest.entries).map((entry) => entry?.blob));
    for (const blob of blobCache.keys()) if (!live.has(blob)) blobCache.delete(blob);
    return loaded;
  };

  /**
   * JSON text under a full key as of `state`: null when absent, RETRY when `state` is outdated,
   * MISSING when no per-key file exists (absent, unless the manifest moved on meanwhile).
   */
  const readText = async (
    state: LoadedManifest,
    fullKey: string,
  ): Promise<ReadResult | typeof RETRY | typeof MISSING> => {
    if (Object.hasOwn(state.manifest.entries, fullKey)) {
      const entry = state.manifest.entries[fullKey];
      if (!entry || expired(entry.expiresAt)) return null;
      const cached = blobCache.get(entry.blob);
      if (cached !== undefined) return cached;
      const text = await readOptional(join(paths.blobs, entry.blob));
      if (text === null) return RETRY;
      blobCache.set(entry.blob, text);
      return text;
    }
    const text = await readOptional(keyPath(fullKey));
    if (text === null) return MISSING;
    const newline = text.indexOf("\n");
    const header = newline < 0 ? undefined : parseHeader(text.slice(0, newline));
    if (!header)
      return { damage: `is in a damaged file (keys/${encodeKey(fullKey)}); the next write replaces it` };
    return expired(header.expiresAt) ? null : text.slice(newline + 1);
  };

  /**
   * Texts under full keys, from one manifest. A damaged manifest is thrown as a StoreDataError
   * naming the first key, unless `asWriter` (under the mutex, which then writes a good one).
   */
  const readTexts = async (fullKeys: readonly string[], asWriter = false): Promise<ReadResult[]> => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const state = await loadManifest();
      if (state.damage && !asWriter)
        throw new StoreDataError(fullKeys[0]?.slice(prefix.length) ?? "", state.damage);
      const texts = await Promise.all(fullKeys.map((key) => readText(state, key)));
      if (texts.includes(RETRY)) continue;
      // A publish unlinks the per-key files it shadows; one check after every read tells a key
      // that is absent from one that moved into a newer manifest (manifests never repeat).
      if (texts.includes(MISSING) && (await manifestText()) !== state.text) continue;
      return texts.map((text) => (text === MISSING ? null : text)) as ReadResult[];
    }
    throw new Error("the data kept changing while being read");
  };

  const read = async <T>(operation: string, keys: readonly string[]): Promise<(T | null)[]> => {
    let texts: ReadResult[];
    try {
      texts = await readTexts(keys.map((key) => prefix + key));
    } catch (error) {
      if (error instanceof StoreDataError) throw error;
      throw storeUnavailable("file", operation, error);
    }
    return texts.map((text, i) => {
      if (typeof text === "object" && text !== null) throw new StoreDataError(keys[i] ?? "", text.damage);
      return parseStored<T>(keys[i] ?? "", text);
    });
  };

  let dirsReady: Promise<unknown> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  /** Runs a write alone: one at a time in this store, and under the folder's mutex across processes. */
  const exclusive = <T>(operation: string, task: () => Promise<T>): Promise<T> => {
    const run = queue.then(async () => {
      dirsReady ??= Promise.all(
        [paths.keys, paths.blobs, paths.tmp].map((d) => mkdir(d, { recursive: true })),
      );
      await dirsReady.catch((error: unknown) => {
        dirsReady = undefined;
        throw error;
      });
      const waitMs = options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
      return withFileMutex({ path: paths.mutex, tmpDir: paths.tmp, waitMs }, task);
    });
    queue = run.catch(() => {});
    return run.catch((error: unknown) => {
      throw storeUnavailable("file", operation, error);
    });
  };

  const writeManifest = (manifest: Manifest) => write(paths.manifest, JSON.stringify(manifest));

  /** Under the mutex: the new value of one key (null deletes) goes to its own file. */
  const putKey = async (fullKey: string, json: string | null, ms: number | undefined) => {
    const { manifest } = await loadManifest();
    if (json === null) await unlinkOptional(keyPath(fullKey));
    else
      await write(
        keyPath(fullKey),
        `${JSON.stringify({ expiresAt: ms === undefined ? null : now() + ms })}\n${json}`,
      );
    // Only now leave the manifest, so a reader never sees an older per-key file come back.
    if (Object.hasOwn(manifest.entries, fullKey)) {
      const { [fullKey]: _, ...entries } = manifest.entries;
      await writeManifest({ generation: manifest.generation + 1, entries });
    }
  };

  return {
    driver: "file",
    async get<T>(key: string) {
      const [value] = await read<T>("get", [key]);
      return value ?? null;
    },
    async getMany<T>(keys: readonly string[]) {
      return read<T>("getMany", keys);
    },
    async set(key: string, value: unknown, setOptions?: SetOptions) {
      const json = toJson(value);
      const ms = ttlMs(setOptions?.ttlSeconds);
      await exclusive("set", () => putKey(prefix + key, json, ms));
    },
    async publish(entries: Readonly<Record<string, unknown>>, publishOptions?: PublishOptions) {
      const pending = publishEntries(entries, publishOptions, prefix);
      if (pending.length === 0) return;
      await exclusive("publish", async () => {
        const { manifest, damage } = await loadManifest();
        // A rebuilt manifest starts from the time, so its text cannot repeat an earlier one's.
        const generation = damage ? Date.now() : manifest.generation + 1;
        const next: Manifest = { generation, entries: { ...manifest.entries } };
        // A deletion mark is needed only while a per-key file it hides is still on disk.
        for (const [fullKey, entry] of Object.entries(manifest.entries)) {
          if (entry === null && (await readHead(keyPath(fullKey), 1)) === null) delete next.entries[fullKey];
        }
        for (const [fullKey, json, ms] of pending) {
          if (json === null) {
            next.entries[fullKey] = null;
            continue;
          }
          const blob = `${randomUUID()}.json`;
          await write(join(paths.blobs, blob), json);
          next.entries[fullKey] = { blob, expiresAt: ms === undefined ? null : now() + ms };
        }
        await options.beforeCommit?.();
        await writeManifest(next);
        // Housekeeping after the commit: failures here lose nothing.
        await Promise.all(pending.map(([fullKey]) => unlinkOptional(keyPath(fullKey)))).catch(() => {});
        const liveBlobs = new Set(
          Object.values(next.entries).flatMap((entry) => (entry ? [entry.blob] : [])),
        );
        const { blobs: blobsDir, keys: keysDir, tmp: tmpDir } = paths;
        await sweepFolder({ blobsDir, keysDir, tmpDir, liveBlobs, isExpired: expired }).catch(() => {});
      });
    },
    async delete(key: string) {
      await exclusive("delete", () => putKey(prefix + key, null, undefined));
    },
    async acquireLock(name: string, ttlSeconds: number) {
      const ms = lockTtlMs(ttlSeconds);
      const fullKey = prefix + lockKey(name);
      return exclusive("acquireLock", async () => {
        const [held] = await readTexts([fullKey], true);
        // A damaged value or a dead process's lock is nobody's: take it over.
        const holder = typeof held === "string" ? parseLockValue(held) : null;
        if (holder && isLiveHolder(holder)) return null;
        const token = newLockToken();
        await putKey(fullKey, lockValue(token, ms), ms);
        return token;
      });
    },
    async renewLock(name: string, token: string, ttlSeconds: number) {
      const ms = lockTtlMs(ttlSeconds);
      const fullKey = prefix + lockKey(name);
      return exclusive("renewLock", async () => {
        const [held] = await readTexts([fullKey], true);
        const renewed = typeof held === "string" ? renewedLockValue(held, token, ms) : null;
        if (!renewed) return false;
        await putKey(fullKey, renewed, ms);
        return true;
      });
    },
    async releaseLock(name: string, token: string) {
      const fullKey = prefix + lockKey(name);
      return exclusive("releaseLock", async () => {
        const [held] = await readTexts([fullKey], true);
        if (typeof held !== "string" || parseLockValue(held)?.token !== token) return false;
        await putKey(fullKey, null, undefined);
        return true;
      });
    },
    async close() {
      await queue;
      blobCache.clear();
    },
  };
}
