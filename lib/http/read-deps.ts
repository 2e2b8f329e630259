import { now } from "../clock.js";
import { getSettings, type Settings } from "../config/settings.js";
import { getStore } from "../store/instance.js";
import type { Store } from "../store/types.js";

/**
 * What a read handler needs from outside, as `RefreshDeps` is for the refresh: the deployment's
 * settings, the store it reads, and the clock of its calendar decisions (feed day, weekend
 * notice, Cache-Control), epoch ms. Tests pass their own; the `api/` functions get
 * {@link liveReadDeps}.
 */
export interface ReadDeps {
  settings: Settings;
  /** Read only (get, getMany); a full `Store` because the pool window reader takes one. */
  store: Store;
  now: () => number;
}

/**
 * The process's settings and store and the configured clock: the one place the read path reaches
 * the singletons. Called per request (both are cached), so a broken config.json is an error
 * response of that request, not a failure to load the module.
 */
export function liveReadDeps(): ReadDeps {
  return { settings: getSettings(), store: getStore(), now };
}
