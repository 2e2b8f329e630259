import { hostname } from "node:os";
import { z } from "zod";
import { lockKey } from "./driver-support.js";
import { type Store, StoreDataError } from "./types.js";

/**
 * What a lock's key holds: its owner token first (the Redis scripts compare the JSON text's
 * start, so no JSON library is needed in Lua), then who took it, since when and until when
 * (epoch ms), so a refused caller can say who is in the way.
 */
export const LockHolderSchema = z.object({
  token: z.string(),
  pid: z.number().int(),
  host: z.string(),
  since: z.number(),
  expiresAt: z.number(),
});
export type LockHolder = z.infer<typeof LockHolderSchema>;

/** The stored JSON text of a lock taken (or renewed) now by this process for `ms`. */
export function lockValue(token: string, ms: number): string {
  const since = Date.now();
  const holder: LockHolder = { token, pid: process.pid, host: hostname(), since, expiresAt: since + ms };
  return JSON.stringify(holder);
}

/** The same lock's text, extended to expire `ms` from now; null when `text` is not `token`'s lock. */
export function renewedLockValue(text: string, token: string, ms: number): string | null {
  const holder = parseLockValue(text);
  if (holder?.token !== token) return null;
  return JSON.stringify({ ...holder, expiresAt: Date.now() + ms });
}

/** The start of every value `lockValue(token, …)` writes: what a compare-and-delete/extend checks. */
export const lockValuePrefix = (token: string): string => `{"token":${JSON.stringify(token)},`;

/** ARGV of RENEW_LOCK_LUA (lib/store/driver-support.ts): owner prefix, new expiresAt, TTL ms. */
export function renewLockArgs(token: string, ms: number): string[] {
  return [lockValuePrefix(token), String(Date.now() + ms), String(ms)];
}

/** The holder in a lock's stored JSON text, or null when it is not a lock this version wrote. */
export function parseLockValue(text: string): LockHolder | null {
  try {
    const parsed = LockHolderSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Who holds the lock `name`, or null when nobody does (or the stored value is not a lock this
 * version wrote: it is then nobody's, and expires). Read with a plain get, the same on every driver.
 */
export async function readLockHolder(store: Store, name: string): Promise<LockHolder | null> {
  const value = await store.get(lockKey(name)).catch((error: unknown) => {
    if (error instanceof StoreDataError) return null;
    throw error;
  });
  const parsed = LockHolderSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** `pid 4242 on host-1 since 2026-01-29T07:00:00.000Z, expires 2026-01-29T07:01:00.000Z`. */
export function describeLockHolder(holder: LockHolder): string {
  const iso = (ms: number) => new Date(ms).toISOString();
  return `pid ${holder.pid} on ${holder.host} since ${iso(holder.since)}, expires ${iso(holder.expiresAt)}`;
}
