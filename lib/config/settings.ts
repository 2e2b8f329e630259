import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { REPOSITORY_URL, userAgentFor } from "../project.js";
import { type Env, EnvSchema } from "./env.js";
import { ConfigError, describeIssues } from "./errors.js";
import { findJsonSyntaxError } from "./json-syntax.js";
import { type Config, ConfigSchema } from "./schema.js";

/** Which store to use and how to reach it. */
export type StoreSettings =
  | { driver: "memory" }
  | { driver: "file"; dir: string }
  | { driver: "upstash"; url: string; token: string }
  | { driver: "redis"; url: string };

/** The LLM endpoint, present only when summaries are enabled and a key is set. */
export interface LlmSettings {
  apiKey: string;
  baseUrl: string;
  model: string;
}

/** The embeddings endpoint (`config.embeddings`), present only when it is configured and a key is set. */
export interface EmbeddingsSettings {
  apiKey: string;
  /** Base URL of the API; `/embeddings` is appended. */
  baseUrl: string;
  model: string;
  /** Vector length asked for and required of every answer. */
  dimensions: number;
}

const GIT_HOSTS: Record<string, string> = {
  github: "github.com",
  gitlab: "gitlab.com",
  bitbucket: "bitbucket.org",
};

/**
 * The repository a Vercel deployment was built from, from Vercel's git system variables, so a
 * fork names itself to arXiv (User-Agent) without an edit; undefined elsewhere.
 */
export function deployedRepositoryUrl(
  env: Partial<
    Record<"VERCEL_GIT_PROVIDER" | "VERCEL_GIT_REPO_OWNER" | "VERCEL_GIT_REPO_SLUG", string | undefined>
  >,
): string | undefined {
  const host = GIT_HOSTS[env.VERCEL_GIT_PROVIDER ?? ""];
  const part = /^[A-Za-z0-9_.-]+$/;
  const owner = env.VERCEL_GIT_REPO_OWNER ?? "";
  const slug = env.VERCEL_GIT_REPO_SLUG ?? "";
  return host && part.test(owner) && part.test(slug) ? `https://${host}/${owner}/${slug}` : undefined;
}

/** Everything the service needs to run, read and validated once. */
export interface Settings {
  config: Config;
  /** Absolute path of the config file that was read. */
  configPath: string;
  env: Env;
  store: StoreSettings;
  keyPrefix: string;
  llm: LlmSettings | undefined;
  /** The embeddings endpoint; absent: similarity is the local tf-idf alone. */
  embeddings?: EmbeddingsSettings;
  /** Text of `ai_summary.prompt_file`, when set. */
  customPrompt: string | undefined;
  /** Whether `ai_summary.prompt_file` was read (`missing`: named but not found, the built-in prompt is used). */
  promptFile: "none" | "loaded" | "missing";
  /** True on Vercel production or NODE_ENV=production: the cron endpoint then fails closed. */
  production: boolean;
  /** The repository this deployment runs: a fork's own on Vercel, else the project's. */
  repositoryUrl: string;
  /** Sent with every request to arXiv, as arXiv asks of automated clients. */
  userAgent: string;
}

/** Values that mean "no key" in a form that insists on one (Vercel's Deploy button does). */
const NO_KEY = new Set(["", "none", "-", "off"]);
const keyFrom = (value: string | undefined) => {
  const key = value?.trim();
  return key && !NO_KEY.has(key.toLowerCase()) ? key : undefined;
};

/** The public OpenAI endpoint and a small model: where a bare OPENAI_API_KEY points. */
const OPENAI_DEFAULTS = { baseUrl: "https://api.openai.com/v1", model: "gpt-4o-mini" };

/**
 * The LLM endpoint: the key in the variable config.json names (`api_key_env`) with its
 * `base_url` and `model`; failing that, `OPENAI_API_KEY` with OpenAI's endpoint (never another
 * provider's: a key must not be sent to a host it does not belong to). OPENAI_BASE_URL and
 * OPENAI_MODEL override either.
 */
function chooseLlm(
  rawEnv: Record<string, string | undefined>,
  env: Env,
  ai: Config["ai_summary"],
): LlmSettings | undefined {
  const configured = keyFrom(rawEnv[ai.api_key_env]);
  const fallback = ai.api_key_env === "OPENAI_API_KEY" ? undefined : keyFrom(rawEnv.OPENAI_API_KEY);
  const apiKey = configured ?? fallback;
  if (!apiKey) return undefined;
  const defaults = configured ? { baseUrl: ai.base_url, model: ai.model } : OPENAI_DEFAULTS;
  return {
    apiKey,
    baseUrl: env.OPENAI_BASE_URL ?? defaults.baseUrl,
    model: env.OPENAI_MODEL ?? defaults.model,
  };
}

const originOf = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
};

/**
 * The embeddings endpoint: the key in `embeddings.api_key_env` (default EMBEDDINGS_API_KEY);
 * failing that, the summaries' key, only when `embeddings.base_url` is on the summaries' own
 * origin (the same provider: a key is never sent to a host it does not belong to).
 */
function chooseEmbeddings(
  rawEnv: Record<string, string | undefined>,
  config: Config,
  llm: LlmSettings | undefined,
): EmbeddingsSettings | undefined {
  const wanted = config.embeddings;
  if (!wanted) return undefined;
  const sameHost = llm !== undefined && originOf(llm.baseUrl) === originOf(wanted.base_url);
  const apiKey = keyFrom(rawEnv[wanted.api_key_env]) ?? (sameHost ? llm.apiKey : undefined);
  if (!apiKey) return undefined;
  return { apiKey, baseUrl: wanted.base_url, model: wanted.model, dimensions: wanted.dimensions };
}

/** Parses config.json text; the error names the file and every bad key. */
export function parseConfig(text: string, source = "config.json"): Config {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const where = findJsonSyntaxError(text);
    const detail = where
      ? `at line ${where.line}, column ${where.column} (unexpected ${where.found})`
      : `(${(error as Error).message})`;
    throw new ConfigError(`${source}: not valid JSON ${detail}`);
  }
  const result = ConfigSchema.safeParse(raw);
  if (!result.success) throw new ConfigError(describeIssues(source, result.error));
  return result.data;
}

function chooseStore(env: Env): StoreSettings {
  const upstashUrl = env.UPSTASH_REDIS_REST_URL ?? env.KV_REST_API_URL;
  const upstashToken = env.UPSTASH_REDIS_REST_TOKEN ?? env.KV_REST_API_TOKEN;
  const driver = env.STORE ?? (upstashUrl ? "upstash" : env.REDIS_URL ? "redis" : "file");
  switch (driver) {
    case "memory":
      return { driver };
    case "file":
      // A Vercel function's file system is read-only and not shared: the embedded store cannot work there.
      if (env.VERCEL && !env.STORE) {
        throw new ConfigError(
          "environment: no store configured on Vercel; connect Upstash Redis to the project (it sets KV_REST_API_URL and KV_REST_API_TOKEN) or set REDIS_URL",
        );
      }
      return { driver, dir: resolve(env.DATA_DIR ?? ".data") };
    case "upstash":
      if (!upstashUrl || !upstashToken) {
        throw new ConfigError(
          "environment: STORE=upstash needs UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN (or KV_REST_API_URL and KV_REST_API_TOKEN)",
        );
      }
      return { driver, url: upstashUrl, token: upstashToken };
    case "redis":
      if (!env.REDIS_URL) throw new ConfigError("environment: STORE=redis needs REDIS_URL");
      return { driver, url: env.REDIS_URL };
  }
}

/** Reads config.json and the environment. Throws ConfigError naming what is wrong. */
export function loadSettings(rawEnv: Record<string, string | undefined> = process.env): Settings {
  const envResult = EnvSchema.safeParse(rawEnv);
  if (!envResult.success) throw new ConfigError(describeIssues("environment", envResult.error));
  const env = envResult.data;

  const configPath = resolve(env.CONFIG_PATH ?? "config.json");
  let text: string;
  try {
    text = readFileSync(configPath, "utf8");
  } catch (error) {
    throw new ConfigError(
      `${configPath}: cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`,
    );
  }
  const config = parseConfig(text, configPath);

  const ai = config.ai_summary;
  const llm = ai.enabled ? chooseLlm(rawEnv, env, ai) : undefined;

  let customPrompt: string | undefined;
  let promptFile: Settings["promptFile"] = "none";
  if (ai.prompt_file && llm) {
    const promptPath = resolve(configPath, "..", ai.prompt_file);
    try {
      customPrompt = readFileSync(promptPath, "utf8");
      promptFile = "loaded";
    } catch {
      // The reference's config names a prompt_file many users never created: use the built-in prompt.
      promptFile = "missing";
    }
  }

  const repositoryUrl = deployedRepositoryUrl(env) ?? REPOSITORY_URL;
  const embeddings = chooseEmbeddings(rawEnv, config, llm);
  return {
    config,
    configPath,
    env,
    store: chooseStore(env),
    keyPrefix: env.KEY_PREFIX,
    llm,
    ...(embeddings && { embeddings }),
    customPrompt,
    promptFile,
    production: env.VERCEL_ENV === "production" || env.NODE_ENV === "production",
    repositoryUrl,
    userAgent: userAgentFor(repositoryUrl),
  };
}

let cached: Settings | undefined;

/** The process's settings, loaded on first use. */
export function getSettings(): Settings {
  cached ??= loadSettings();
  return cached;
}

/** Forget the cached settings (tests that change the environment). */
export function resetSettings(): void {
  cached = undefined;
}
