/*
 * What an in-process test hands a read handler instead of the process's singletons: settings
 * loaded from an explicit environment (never process.env, so a developer's shell cannot leak
 * in), a memory store of its own, and a clock of its own.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fixedClock } from "../../lib/clock.js";
import { loadSettings, type Settings } from "../../lib/config/settings.js";
import type { ReadDeps } from "../../lib/http/read-deps.js";
import { createMemoryStore } from "../../lib/store/memory.js";
import { FIXTURE_NOW } from "../helpers/fixtures.js";

/** The repository's config.json, parsed: a base for a test's own configuration. */
export const repositoryConfig = (): Record<string, unknown> =>
  JSON.parse(readFileSync("config.json", "utf8"));

/**
 * Settings of config.json contents `config` (default: the repository's file) and `env` (on top
 * of `STORE=memory`). The file is written to a temp folder, read and removed at once.
 */
export function testSettings(config?: unknown, env: Record<string, string> = {}): Settings {
  const base = { STORE: "memory", ...env };
  if (config === undefined) return loadSettings({ ...base, CONFIG_PATH: "config.json" });
  const dir = mkdtempSync(join(tmpdir(), "axf-deps-"));
  try {
    const path = join(dir, "config.json");
    writeFileSync(path, JSON.stringify(config));
    return loadSettings({ ...base, CONFIG_PATH: path });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Read deps with a new memory store and a clock fixed at `FIXTURE_NOW`, unless given. */
export function testDeps(overrides: Partial<ReadDeps> = {}): ReadDeps {
  return {
    settings: overrides.settings ?? testSettings(),
    store: overrides.store ?? createMemoryStore(),
    now: overrides.now ?? fixedClock(FIXTURE_NOW),
  };
}
