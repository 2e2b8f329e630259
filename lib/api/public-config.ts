import type { Settings } from "../config/settings.js";
import { safeDecode } from "../safe-decode.js";
import type { PublicConfig } from "./schemas.js";

const REDACTED = "[redacted]";
/** Query parameters of a URL whose values are credentials. */
const SECRET_PARAM = /key|token|secret|pass|auth|sig|credential/i;
/** Shorter values are not searched for in the output (they would match ordinary words). */
const MIN_SECRET_LENGTH = 6;

/** `url` without user, password, fragment, or the values of credential-like query parameters. */
export function redactUrl(url: string): string {
  if (!URL.canParse(url)) return REDACTED;
  const parsed = new URL(url);
  parsed.username = "";
  parsed.password = "";
  for (const name of [...parsed.searchParams.keys()]) {
    if (SECRET_PARAM.test(name)) parsed.searchParams.set(name, "redacted");
  }
  parsed.hash = "";
  return parsed.href;
}

/** Every secret value the settings hold, so none can reach the output by any path. */
function secretValues(settings: Settings): string[] {
  const { env } = settings;
  const values = [
    env.CRON_SECRET,
    env.FEEDBACK_SECRET,
    env.UPSTASH_REDIS_REST_TOKEN,
    env.KV_REST_API_TOKEN,
    env.REDIS_URL,
    settings.llm?.apiKey,
    settings.embeddings?.apiKey,
    settings.store.driver === "upstash" ? settings.store.token : undefined,
  ];
  for (const url of [env.REDIS_URL, env.UPSTASH_REDIS_REST_URL, env.KV_REST_API_URL, env.OPENAI_BASE_URL]) {
    if (url && URL.canParse(url)) {
      const { password } = new URL(url);
      values.push(password, safeDecode(password));
    }
  }
  return values.filter((v): v is string => typeof v === "string" && v.length >= MIN_SECRET_LENGTH);
}

/** `value` with every string that contains a secret replaced, deeply. */
function scrub<T>(value: T, secrets: readonly string[]): T {
  if (typeof value === "string") return (secrets.some((s) => value.includes(s)) ? REDACTED : value) as T;
  if (Array.isArray(value)) return value.map((item) => scrub(item, secrets)) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, secrets)])) as T;
  }
  return value;
}

function storeUrl(settings: Settings): string | null {
  const { store } = settings;
  if (store.driver === "upstash" || store.driver === "redis") return redactUrl(store.url);
  return null;
}

/**
 * The effective configuration as `GET /api/config` shows it: config.json with defaults, the
 * environment's overrides, and which secrets are set; never a secret's value (URLs lose their
 * credentials, and as a last guard any string containing a secret value is replaced). Pure.
 */
export function publicConfig(settings: Settings): PublicConfig {
  const { config, env, llm } = settings;
  const ai = config.ai_summary;
  const result: PublicConfig = {
    config: {
      ...config,
      ai_summary: { ...ai, base_url: redactUrl(ai.base_url) },
      ...(config.embeddings && {
        embeddings: { ...config.embeddings, base_url: redactUrl(config.embeddings.base_url) },
      }),
    },
    effective: {
      summaries: {
        enabled: Boolean(llm),
        model: llm?.model ?? env.OPENAI_MODEL ?? ai.model,
        baseUrl: redactUrl(llm?.baseUrl ?? env.OPENAI_BASE_URL ?? ai.base_url),
        apiKeyEnv: ai.api_key_env,
        apiKeySet: Boolean(llm),
        promptFile: settings.promptFile,
      },
      store: { driver: settings.store.driver, url: storeUrl(settings), keyPrefix: settings.keyPrefix },
      cron: {
        secretSet: Boolean(env.CRON_SECRET),
        openWithoutSecret: !settings.production && env.ALLOW_OPEN_CRON === "1",
      },
      arxivBaseUrl: redactUrl(env.ARXIV_BASE_URL),
      arxivApiBaseUrl: redactUrl(env.ARXIV_API_BASE_URL),
      publicBaseUrl: env.PUBLIC_BASE_URL ? redactUrl(env.PUBLIC_BASE_URL) : null,
      production: settings.production,
    },
  };
  return scrub(result, secretValues(settings));
}
