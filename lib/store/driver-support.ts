import { createHash, randomUUID } from "node:crypto";
import { type PublishOptions, StoreDataError, StoreTooLargeError, StoreUnavailableError } from "./types.js";

/** Default limit of one store command (or of an embedded-store write waiting for another process's), ms. */
export const DEFAULT_COMMAND_TIMEOUT_MS = 3000;

/** Store key of the lock `name` (logical, before the prefix); the same in every driver. */
export const lockKey = (name: string): string => `lock:${name}`;

/** A fresh lock owner token. */
export const newLockToken = (): string => randomUUID();

/**
 * Deletes KEYS[1] only when its value starts with ARGV[1] (`lockValuePrefix(token)`): the
 * compare-and-delete that releases a lock without ever removing another owner's.
 */
export const RELEASE_LOCK_LUA =
  'local v = redis.call("GET", KEYS[1]) if v and string.sub(v, 1, #ARGV[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) else return 0 end';
export const RELEASE_LOCK_SHA = createHash("sha1").update(RELEASE_LOCK_LUA).digest("hex");

/**
 * Extends KEYS[1] to expire in ARGV[3] ms, rewriting its `expiresAt` to ARGV[2], only when its
 * value starts with ARGV[1]: the compare-and-extend a running lock owner renews with.
 */
export const RENEW_LOCK_LUA =
  'local v = redis.call("GET", KEYS[1]) if v and string.sub(v, 1, #ARGV[1]) == ARGV[1] then redis.call("SET", KEYS[1], (string.gsub(v, \'"expiresAt":[%d.]+\', \'"expiresAt":\' .. ARGV[2])), "PX", ARGV[3]) return 1 else return 0 end';
export const RENEW_LOCK_SHA = createHash("sha1").update(RENEW_LOCK_LUA).digest("hex");

/** The value of stored JSON text (null stays null); text that is not JSON is a StoreDataError. */
export function parseStored<T>(key: string, text: unknown): T | null {
  if (text === null || text === undefined) return null;
  try {
    return JSON.parse(String(text)) as T;
  } catch {
    throw new StoreDataError(key, "is not JSON");
  }
}

/** JSON text of a value, or null when the value means "delete" (null/undefined). */
export function toJson(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError(`store: a ${typeof value} cannot be stored as JSON`);
  return json;
}

/**
 * A TTL in whole milliseconds, or undefined for "no expiry" (undefined or 0). Fractional seconds
 * are allowed; a negative or non-finite TTL is a programmer error.
 */
export function ttlMs(ttlSeconds: number | undefined): number | undefined {
  if (ttlSeconds === undefined || ttlSeconds === 0) return undefined;
  if (!Number.isFinite(ttlSeconds) || ttlSeconds < 0) {
    throw new RangeError(`store: ttlSeconds must be a positive number, got ${ttlSeconds}`);
  }
  return Math.max(1, Math.round(ttlSeconds * 1000));
}

/**
 * A publish's entries, serialised before anything is written (so a value that cannot be stored
 * changes nothing): `[key with prefix, JSON or null for delete, TTL in ms or undefined]`, each
 * key with its own TTL, else the publish's.
 */
export function publishEntries(
  entries: Readonly<Record<string, unknown>>,
  options: PublishOptions | undefined,
  prefix = "",
): (readonly [string, string | null, number | undefined])[] {
  return Object.entries(entries).map(
    ([key, value]) =>
      [prefix + key, toJson(value), ttlMs(options?.ttlSecondsByKey?.[key] ?? options?.ttlSeconds)] as const,
  );
}

/** A lock's TTL in milliseconds; locks must expire, so 0 is refused too. */
export function lockTtlMs(ttlSeconds: number): number {
  const ms = ttlMs(ttlSeconds);
  if (ms === undefined) throw new RangeError("store: a lock needs a positive ttlSeconds");
  return ms;
}

/** Thrown by `withTimeout` when the time is up. */
export class StoreTimeoutError extends Error {
  override readonly name = "StoreTimeoutError";
  constructor(readonly timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms`);
  }
}

/** Rejects with StoreTimeoutError when `promise` has not settled within `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreTimeoutError(ms)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === "TimeoutError" || error.name === "StoreTimeoutError")
    return `timeout (${error.message})`;
  const code = (error as NodeJS.ErrnoException).code;
  const inner =
    error.cause instanceof Error
      ? `: ${(error.cause as NodeJS.ErrnoException).code ?? error.cause.message}`
      : "";
  // The Upstash SDK appends the whole command (values included) to server errors; keep the reason.
  const message = error.message.split(", command was:")[0] ?? "";
  return `${error.name}${code ? ` ${code}` : ""}: ${message}${inner}`;
}

/** How Upstash (and Redis proxies) word a request or response over their size limit. */
const TOO_LARGE = /max[ a-z]*size|too large|payload/i;

/**
 * The error a driver throws for anything that goes wrong talking to its backend. The message
 * names the driver and operation and a short reason; `secrets` (tokens, passwords) are masked
 * wherever they would appear. The original error is kept as `cause`.
 */
export function storeUnavailable(
  driver: string,
  operation: string,
  error: unknown,
  secrets: readonly (string | undefined)[] = [],
): StoreUnavailableError {
  if (error instanceof StoreUnavailableError) return error;
  let reason = describeCause(error);
  for (const secret of secrets) if (secret) reason = reason.split(secret).join("***");
  if (reason.length > 300) reason = `${reason.slice(0, 300)}…`;
  const TypedError = TOO_LARGE.test(reason) ? StoreTooLargeError : StoreUnavailableError;
  return new TypedError(`${driver} store: ${operation} failed: ${reason}`, { cause: error });
}

/** Everything of a URL that must not reach a message: its password, in raw and decoded form (the whole URL when it cannot be parsed). */
export function urlSecrets(url: string): string[] {
  try {
    const { password } = new URL(url);
    return password ? [password, decodeURIComponent(password)] : [];
  } catch {
    return [url];
  }
}
