import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { getSettings, resetSettings } from "../lib/config/settings.js";
import { type RefreshOutcome, runRefresh } from "../lib/refresh/run-refresh.js";
import { type LocalServer, startLocalServer } from "../lib/server/local-server.js";
import { getStore, resetStore } from "../lib/store/instance.js";
import { type ArxivServer, startArxivServer } from "../tests/helpers/arxiv-server.js";
import { type OpenAiServer, startOpenAiServer } from "../tests/helpers/openai-server.js";
import { startUpstashBackend, type UpstashBackend } from "./upstash-backend.js";

/** The combined feed of the full-size fixture day: 1,430 items. */
export const COMBINED_PATH = "/rss/cs.AI+cs.CL+cs.DC+cs.LG";

/** How the service runs for one measurement. */
export interface ServiceConfig {
  store: "memory" | "upstash";
  /** Summaries on, against the loopback OpenAI-compatible server (default off). */
  llm?: boolean;
  /** Keys merged over the repository's config.json (`ai_summary` merged key by key). */
  config?: Record<string, unknown>;
}

/**
 * The whole service in this process, as `npm start` runs it: a fake arXiv serving the fixtures,
 * a fake OpenAI-compatible server, the local server routing by vercel.json, and (on first use)
 * a real redis-server behind the loopback Upstash REST endpoint. `configure` points the settings
 * and the store singleton at a fresh key space.
 */
export interface Harness {
  /** Local server origin. */
  url: string;
  arxiv: ArxivServer;
  llm: OpenAiServer;
  /** Prefix of the current configuration's keys. */
  readonly keyPrefix: string;
  /** Starts redis-server and the REST endpoint if not yet running. */
  upstash(): Promise<UpstashBackend>;
  configure(config: ServiceConfig): Promise<void>;
  /** One refresh through `runRefresh` (as the cron endpoint runs it), its log kept, not printed. */
  refresh(): Promise<{ outcome: RefreshOutcome; ms: number; log: string[] }>;
  close(): Promise<void>;
}

const MODEL = "bench-model";

/** One refresh that must publish (`what` says which in the error): a bench of nothing measures nothing. */
export async function refreshDone(harness: Harness, what = "refresh") {
  const result = await harness.refresh();
  if (result.outcome.status !== "done") throw new Error(`${what} did not run: ${result.outcome.reason}`);
  return { ...result, outcome: result.outcome };
}

/** `configure`, then a refresh that must publish. */
export async function configuredAndRefreshed(harness: Harness, config: ServiceConfig) {
  await harness.configure(config);
  return refreshDone(harness);
}

function mergeConfig(base: Record<string, unknown>, overrides: Record<string, unknown> = {}) {
  const ai = { ...(base.ai_summary as object), ...(overrides.ai_summary as object | undefined) };
  return { ...base, ...overrides, ai_summary: ai };
}

export async function startHarness(): Promise<Harness> {
  const repoConfig = JSON.parse(readFileSync(resolve("config.json"), "utf8")) as Record<string, unknown>;
  const dir = mkdtempSync(join(tmpdir(), "axf-bench-"));
  const saved = new Map<string, string | undefined>();
  const setEnv = (values: Record<string, string | undefined>) => {
    for (const [key, value] of Object.entries(values)) {
      if (!saved.has(key)) saved.set(key, process.env[key]);
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };

  const arxiv = await startArxivServer();
  const llm = await startOpenAiServer();
  let server: LocalServer | undefined;
  let backend: Promise<UpstashBackend> | undefined;
  let keyPrefix = "";
  let configCount = 0;

  const upstash = () => {
    backend ??= startUpstashBackend();
    return backend;
  };

  const harness: Harness = {
    url: "",
    arxiv,
    llm,
    get keyPrefix() {
      return keyPrefix;
    },
    upstash,
    async configure(config) {
      const merged = mergeConfig(repoConfig, config.config);
      const configPath = join(dir, `config-${++configCount}.json`);
      writeFileSync(configPath, JSON.stringify(merged));
      const keyEnv = String((merged.ai_summary as { api_key_env?: string }).api_key_env ?? "OPENAI_API_KEY");
      const rest = config.store === "upstash" ? await upstash() : undefined;
      keyPrefix = `bench${randomBytes(4).toString("hex")}:`;
      setEnv({
        STORE: config.store,
        CONFIG_PATH: configPath,
        ARXIV_BASE_URL: arxiv.url,
        ARXIV_MIN_INTERVAL_MS: "0",
        ARXIV_TIMEOUT_MS: "10000",
        ARXIV_MAX_RETRIES: "0",
        KEY_PREFIX: keyPrefix,
        UPSTASH_REDIS_REST_URL: rest?.url,
        UPSTASH_REDIS_REST_TOKEN: rest?.token,
        KV_REST_API_URL: undefined,
        KV_REST_API_TOKEN: undefined,
        REDIS_URL: undefined,
        PUBLIC_BASE_URL: undefined,
        OPENAI_BASE_URL: llm.baseUrl,
        OPENAI_MODEL: MODEL,
        [keyEnv]: config.llm ? llm.apiKey : undefined,
      });
      resetSettings();
      await resetStore();
      arxiv.reset();
      llm.reset();
      llm.setBehaviour(undefined);
    },
    async refresh() {
      const log: string[] = [];
      const start = process.hrtime.bigint();
      const outcome = await runRefresh({
        settings: getSettings(),
        store: getStore(),
        log: (line) => log.push(line),
      });
      return { outcome, ms: Number(process.hrtime.bigint() - start) / 1e6, log };
    },
    async close() {
      await server?.close();
      await arxiv.stop();
      await llm.stop();
      await resetStore();
      if (backend) await (await backend.catch(() => undefined))?.stop();
      for (const [key, value] of saved) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      resetSettings();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await harness.configure({ store: "memory" });
    server = await startLocalServer({ port: 0 });
  } catch (error) {
    await harness.close();
    throw error;
  }
  harness.url = server.url;
  return harness;
}

/** The combined fixture cut to its first `items` items (a "trimmed day"), as arXiv would send it. */
export function trimmedFeed(xml: string, items: number): string {
  const first = xml.indexOf("<item>");
  if (first === -1) return xml;
  const end = xml.lastIndexOf("</item>") + "</item>".length;
  const kept: string[] = [];
  let at = first;
  while (kept.length < items) {
    const close = xml.indexOf("</item>", at);
    if (close === -1 || close >= end) break;
    kept.push(xml.slice(at, close + "</item>".length));
    at = xml.indexOf("<item>", close);
    if (at === -1) break;
  }
  return xml.slice(0, first) + kept.join("\n") + xml.slice(end);
}
