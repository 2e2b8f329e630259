import type { Clock } from "../clock.js";
import type { Settings } from "../config/settings.js";
import type { Store } from "../store/types.js";

/**
 * What a feedback handler works with, passed in (the shape of the read handlers' deps): only
 * the `api/` entry wires the real ones (`getSettings()`, `getStore()`, `now`).
 */
export interface FeedbackDeps {
  settings: Settings;
  store: Store;
  /** Calendar time: when a vote is cast, and how much it weighs later. */
  now: Clock;
}
