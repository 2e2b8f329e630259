import { getSettings } from "../config/settings.js";
import { coalesceReads } from "./coalesce-reads.js";
import { createStore } from "./create-store.js";
import type { Store } from "./types.js";

let instance: Store | undefined;

/** The process's store, created on first use from the settings (one client per warm function). */
export function getStore(): Store {
  if (!instance) {
    const settings = getSettings();
    instance = coalesceReads(createStore(settings.store, { keyPrefix: settings.keyPrefix }));
  }
  return instance;
}

/** Drop the store (tests that change the environment); closes its connections. */
export async function resetStore(): Promise<void> {
  const old = instance;
  instance = undefined;
  await old?.close();
}
