import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { clockStartingAt, setClock } from "../../lib/clock.js";
import { resetSettings } from "../../lib/config/settings.js";
import { type LocalServer, startLocalServer } from "../../lib/server/local-server.js";
import { resetStore } from "../../lib/store/instance.js";
import { type ArxivServer, startArxivServer } from "./arxiv-server.js";
import { FIXTURE_NOW } from "./fixtures.js";

export const CRON_SECRET = `test-cron-${randomBytes(8).toString("hex")}`;

export interface ServiceOptions {
  /** Extra environment (overrides the defaults below). */
  env?: Record<string, string | undefined>;
  /** config.json contents (default: the repository's config.json). */
  config?: unknown;
  /** The service's clock at start, epoch ms (default: the fixtures' day, `FIXTURE_NOW`); it then runs. */
  now?: number;
}

export interface Service {
  url: string;
  arxiv: ArxivServer;
  server: LocalServer;
  dataDir: string;
  /** GET a path of the local server. */
  get(path: string, init?: RequestInit): Promise<Response>;
  /** Runs the cron endpoint with the secret; returns its JSON body and status. */
  refresh(): Promise<{ status: number; body: Record<string, unknown> }>;
  /** Moves the service's clock to `at` (epoch ms), from where it runs on. */
  setNow(at: number): void;
  stop(): Promise<void>;
}

/**
 * The whole service in this test process, as `npm start` runs it: a fake arXiv on loopback, the
 * configured store (default: the embedded file store in a temp folder), and the local server on
 * a free port routing by vercel.json. Tests get real HTTP. One service per test file: vitest
 * isolates modules per file, and this sets process.env for the settings module.
 */
export async function startService(options: ServiceOptions = {}): Promise<Service> {
  const arxiv = await startArxivServer();
  const dataDir = mkdtempSync(join(tmpdir(), "axf-test-"));
  let configPath = resolve("config.json");
  if (options.config !== undefined) {
    configPath = join(dataDir, "config.json");
    writeFileSync(configPath, JSON.stringify(options.config));
  }
  // A developer's own LLM key in the shell must never turn tests into billed calls.
  const config = JSON.parse(readFileSync(configPath, "utf8")) as { ai_summary?: { api_key_env?: string } };
  const keyEnv = config.ai_summary?.api_key_env ?? "OPENAI_API_KEY";
  const env: Record<string, string | undefined> = {
    STORE: "file",
    DATA_DIR: join(dataDir, "store"),
    CONFIG_PATH: configPath,
    ARXIV_BASE_URL: arxiv.url,
    // Named papers (like=, config.json's profile) are looked up on the same loopback server.
    ARXIV_API_BASE_URL: arxiv.url,
    ARXIV_MIN_INTERVAL_MS: "0",
    ARXIV_TIMEOUT_MS: "2000",
    ARXIV_MAX_RETRIES: "1",
    CRON_SECRET,
    KEY_PREFIX: `t${randomBytes(3).toString("hex")}:`,
    PUBLIC_BASE_URL: undefined,
    OPENAI_API_KEY: undefined,
    [keyEnv]: undefined,
    OPENAI_BASE_URL: undefined,
    OPENAI_MODEL: undefined,
    ...options.env,
  };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetSettings();
  await resetStore();
  setClock(clockStartingAt(options.now ?? FIXTURE_NOW));
  const server = await startLocalServer({ port: 0 });
  const get = (path: string, init?: RequestInit) => fetch(server.url + path, init);
  return {
    url: server.url,
    arxiv,
    server,
    dataDir,
    get,
    refresh: async () => {
      const response = await get("/api/cron/refresh", {
        headers: { authorization: `Bearer ${CRON_SECRET}` },
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    setNow: (at) => setClock(clockStartingAt(at)),
    stop: async () => {
      await server.close();
      await arxiv.stop();
      await resetStore();
      setClock(undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
