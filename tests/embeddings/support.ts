import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { loadSettings, type Settings } from "../../lib/config/settings.js";
import { runRefresh } from "../../lib/refresh/run-refresh.js";
import type { Store } from "../../lib/store/types.js";
import { type ArxivServer, startArxivServer } from "../helpers/arxiv-server.js";
import { FIXTURE_NOW } from "../helpers/fixtures.js";
import { type OpenAiServer, startOpenAiServer } from "../helpers/openai-server.js";

/** The repository's config.json, as a test changes it. */
export const repositoryConfig = (): Record<string, unknown> =>
  JSON.parse(readFileSync("config.json", "utf8")) as Record<string, unknown>;

/** config.json's `embeddings` pointing at the fake server, with small bounds a test can reach. */
export const embeddingsConfig = (llm: OpenAiServer, extra: Record<string, unknown> = {}) => ({
  base_url: llm.baseUrl,
  model: "fake-embed",
  dimensions: 64,
  batch_size: 50,
  timeout_seconds: 10,
  ...extra,
});

/** A temporary folder for config files, removed by `cleanup`. */
export function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), "axf-emb-"));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A fake arXiv, a fake OpenAI-compatible server (with /embeddings) and a temporary folder for a
 * test file: started before its tests, stopped and removed after; read the fields inside tests.
 */
export function embeddingServers() {
  const servers = { temp: tempDir() } as {
    arxiv: ArxivServer;
    llm: OpenAiServer;
    temp: ReturnType<typeof tempDir>;
  };
  beforeAll(async () => {
    servers.arxiv = await startArxivServer();
    servers.llm = await startOpenAiServer();
  });
  afterAll(async () => {
    await servers.arxiv?.stop();
    await servers.llm?.stop();
    servers.temp.cleanup();
  });
  return servers;
}

/** Settings from `config` (written to `dir`) against the fake arXiv, with `env` added. */
export function settingsFor(
  dir: string,
  arxiv: ArxivServer,
  config: Record<string, unknown>,
  env: Record<string, string> = {},
): Settings {
  const path = join(dir, "config.json");
  writeFileSync(path, JSON.stringify(config));
  return loadSettings({
    ARXIV_BASE_URL: arxiv.url,
    ARXIV_API_BASE_URL: arxiv.url,
    ARXIV_MIN_INTERVAL_MS: "0",
    ARXIV_MAX_RETRIES: "0",
    CONFIG_PATH: path,
    ...env,
  });
}

/** One refresh at the fixtures' day; throws when it did not run. */
export async function refreshAt(settings: Settings, store: Store, log?: (line: string) => void) {
  const outcome = await runRefresh({ settings, store, now: () => FIXTURE_NOW, ...(log && { log }) });
  if (outcome.status !== "done") throw new Error(outcome.reason);
  return outcome.meta;
}
