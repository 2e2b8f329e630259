/**
 * Store keys and lock names of the feedback feature (logical keys; the driver adds the prefix).
 * `profile:<name>` holds a `ProfileRecord`; `profiles` the index of names, since the store has
 * no key listing.
 */

/** A named profile's record: `profile:<name>`. */
export const profileKey = (name: string): string => `profile:${name}`;

/** The index of profile names (`ProfileIndex`). */
export const PROFILES_KEY = "profiles";

/** Lock held while the index changes (create, delete): stored as `lock:profiles`. */
export const PROFILES_LOCK = "profiles";

/** Lock held while one profile's record changes (a vote, an undo, a delete): `lock:profile:<name>`. */
export const profileLock = (name: string): string => `profile:${name}`;
