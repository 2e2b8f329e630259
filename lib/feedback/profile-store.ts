import { z } from "zod";
import { type Store, StoreDataError } from "../store/types.js";
import { PROFILES_KEY, PROFILES_LOCK, profileKey, profileLock } from "./profile-keys.js";
import {
  newProfileRecord,
  type ProfileChange,
  type ProfileRecord,
  ProfileRecordSchema,
} from "./profile-record.js";
import { withStoreLock } from "./store-lock.js";
import { newNonce } from "./token.js";

/** Named profiles a deployment keeps (a lab group's, not a public service's). */
export const MAX_PROFILES = 200;

/** What `profiles` holds: every profile's name, sorted. */
export const ProfileIndexSchema = z.object({ names: z.array(z.string()) });
export type ProfileIndex = z.infer<typeof ProfileIndexSchema>;

/** A stored value as a profile record; null when absent, StoreDataError when it is not one. */
export function parseStoredProfile(key: string, value: unknown): ProfileRecord | null {
  if (value === null || value === undefined) return null;
  const result = ProfileRecordSchema.safeParse(value);
  if (!result.success) throw new StoreDataError(key, "is not a profile record");
  return result.data;
}

function parseIndex(value: unknown): ProfileIndex {
  if (value === null || value === undefined) return { names: [] };
  const result = ProfileIndexSchema.safeParse(value);
  if (!result.success) throw new StoreDataError(PROFILES_KEY, "is not a profile index");
  return result.data;
}

/** Profile `name`'s record, or null. One store command. */
export async function readProfile(store: Store, name: string): Promise<ProfileRecord | null> {
  const key = profileKey(name);
  return parseStoredProfile(key, await store.get(key));
}

/** Every profile's name. One store command. */
export async function readProfileNames(store: Store): Promise<string[]> {
  return parseIndex(await store.get(PROFILES_KEY)).names;
}

/** Every profile's record, in name order (two store commands). */
export async function readAllProfiles(store: Store): Promise<ProfileRecord[]> {
  const names = await readProfileNames(store);
  if (names.length === 0) return [];
  const values = await store.getMany(names.map(profileKey));
  return names.flatMap((name, i) => parseStoredProfile(profileKey(name), values[i]) ?? []);
}

export type CreateOutcome =
  | { status: "created"; record: ProfileRecord }
  | { status: "exists" }
  | { status: "full"; limit: number };

/** Creates profile `name` with a fresh nonce, and adds it to the index, in one atomic write. */
export async function createProfile(store: Store, name: string, nowMs: number): Promise<CreateOutcome> {
  return withStoreLock(store, PROFILES_LOCK, async (read) => {
    const [stored] = await read([PROFILES_KEY]);
    const index = parseIndex(stored);
    if (index.names.includes(name)) return { status: "exists" };
    if (index.names.length >= MAX_PROFILES) return { status: "full", limit: MAX_PROFILES };
    const record = newProfileRecord(name, nowMs, newNonce());
    const names = [...index.names, name].sort();
    await store.publish({ [profileKey(name)]: record, [PROFILES_KEY]: { names } });
    return { status: "created", record };
  });
}

/**
 * Deletes profile `name` and its index entry in one atomic write; false when there was none.
 * It holds the profile's lock too, so a vote in flight cannot write the record back.
 */
export async function deleteProfile(store: Store, name: string): Promise<boolean> {
  return withStoreLock(store, PROFILES_LOCK, () =>
    withStoreLock(store, profileLock(name), async (read) => {
      const [storedIndex, stored] = await read([PROFILES_KEY, profileKey(name)]);
      const index = parseIndex(storedIndex);
      if (!index.names.includes(name) && stored === null) return false;
      const names = index.names.filter((n) => n !== name);
      await store.publish({ [profileKey(name)]: null, [PROFILES_KEY]: { names } });
      return true;
    }),
  );
}

/**
 * Changes profile `name` under its lock: `change` gets the record as stored now (null when
 * absent) and returns the change, or undefined to leave it; only a change that changed anything
 * is written. Resolves to what `change` returned.
 */
export async function updateProfile<R extends ProfileChange | undefined>(
  store: Store,
  name: string,
  change: (record: ProfileRecord | null) => R,
): Promise<R> {
  return withStoreLock(store, profileLock(name), async (read) => {
    const key = profileKey(name);
    const [stored] = await read([key]);
    const outcome = change(parseStoredProfile(key, stored));
    if (outcome?.changed) await store.set(key, outcome.record);
    return outcome;
  });
}
