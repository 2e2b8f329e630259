/** Options of a write. */
export interface SetOptions {
  /**
   * Expire the key after this many seconds (fractional allowed, millisecond precision). Absent or
   * 0: no expiry, and a set without it clears an earlier one. Negative: RangeError.
   */
  ttlSeconds?: number;
}

/** Options of a publish: one TTL for every key, or per key (`ttlSecondsByKey` wins). */
export interface PublishOptions extends SetOptions {
  ttlSecondsByKey?: Readonly<Record<string, number>>;
}

/**
 * The storage every part of the service uses: JSON values under string keys. Keys given here
 * are logical (`feed:cs.LG`); each driver adds its configured prefix.
 */
export interface Store {
  /** Driver name, for logs and health output. */
  readonly driver: "memory" | "file" | "upstash" | "redis";
  /** The JSON value under `key`, or null when absent. One store command. */
  get<T = unknown>(key: string): Promise<T | null>;
  /** Values under `keys`, in order, null for absent ones. One store command. */
  getMany<T = unknown>(keys: readonly string[]): Promise<(T | null)[]>;
  /** Stores `value` as JSON text; `null`/`undefined` delete the key. */
  set(key: string, value: unknown, options?: SetOptions): Promise<void>;
  /**
   * Writes all entries at once: a reader sees either all the old values or all the new ones,
   * never a mix (MULTI/EXEC on Redis). `null` deletes a key.
   */
  publish(entries: Readonly<Record<string, unknown>>, options?: PublishOptions): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Takes the lock `name` for `ttlSeconds` (> 0, else RangeError) if nobody holds it; returns the
   * owner token, or null when it is held. Stored as the key `lock:<name>` (SET NX PX on Redis),
   * its value naming the holder (`LockHolder` in lock-holder.ts, read by `readLockHolder`). The
   * file store also takes over a lock whose holder is a dead process on this host.
   */
  acquireLock(name: string, ttlSeconds: number): Promise<string | null>;
  /**
   * Extends the lock to expire `ttlSeconds` from now, only if `token` still owns it
   * (compare-and-extend); true if extended, false if it expired or another owner has it.
   */
  renewLock(name: string, token: string, ttlSeconds: number): Promise<boolean>;
  /** Releases the lock only if `token` still owns it (compare-and-delete); true if released. */
  releaseLock(name: string, token: string): Promise<boolean>;
  /** Closes connections (tests, CLI). */
  close(): Promise<void>;
}

/**
 * The store could not be reached, timed out or answered with an error; readers get 503. The
 * message names the driver and operation (never a token or password); `cause` has the original.
 */
export class StoreUnavailableError extends Error {
  override readonly name: string = "StoreUnavailableError";
}

/**
 * The store refused a request or its answer as over its size limit (Upstash: 10 MB per request,
 * response included). Unlike an outage, the same data read in smaller requests can succeed.
 */
export class StoreTooLargeError extends StoreUnavailableError {
  override readonly name = "StoreTooLargeError";
}

/**
 * The store answered, but a value under one of our keys is not what this version of the service
 * wrote there (not JSON, or another shape: an older version's data, another program sharing the
 * prefix). Readers get 503; the next refresh overwrites the value. The message names the key.
 */
export class StoreDataError extends Error {
  override readonly name = "StoreDataError";
  constructor(
    readonly key: string,
    problem: string,
  ) {
    super(`the value stored under "${key}" ${problem}`);
  }
}
