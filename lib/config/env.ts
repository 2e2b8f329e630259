import { z } from "zod";

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined));

/**
 * The environment variables the service reads. This module and `settings.ts` are the only
 * places that look at `process.env`.
 */
export const EnvSchema = z.object({
  /** Interface the local server listens on (0.0.0.0 in a container). */
  HOST: z.string().trim().min(1).default("127.0.0.1"),
  /** Local server port. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Where arXiv's RSS lives; point it at a mirror or a local fixture server. */
  ARXIV_BASE_URL: z.url().default("https://rss.arxiv.org"),
  /**
   * Origin of arXiv's API (`/api/query`), where named papers (`like=`, `profile.like`) are looked
   * up; point it at a mirror or a local server.
   */
  ARXIV_API_BASE_URL: z.url().default("https://export.arxiv.org"),
  /** Least time between requests to arXiv, ms (arXiv asks for 3 s; tests against a local server use less). */
  ARXIV_MIN_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(3000),
  /** Per-request timeout for arXiv, ms. */
  ARXIV_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(30_000),
  /** Retries after 429, 5xx and timeouts. */
  ARXIV_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  /**
   * TTL of the refresh lock, seconds: a running refresh renews it every third of this, so a
   * killed one blocks the next for at most this long (tests use less).
   */
  REFRESH_LOCK_SECONDS: z.coerce.number().min(0.1).max(900).default(60),
  /** Path of config.json (default: `config.json` in the working directory). */
  CONFIG_PATH: optionalText,
  /** Bearer token the cron endpoint requires. */
  CRON_SECRET: optionalText,
  /**
   * Key of the signed profile tokens and vote links (HMAC-SHA256), at least 32 characters
   * (`openssl rand -base64 32`). Unset: feedback (profiles, votes) is off and says so.
   */
  FEEDBACK_SECRET: optionalText.pipe(
    z
      .string()
      .min(32, "must be at least 32 characters (generate one with: openssl rand -base64 32)")
      .optional(),
  ),
  /** Set to `1` to let the cron endpoint run without CRON_SECRET outside production (local use). */
  ALLOW_OPEN_CRON: optionalText,
  /** Store driver: `memory`, `file`, `upstash` or `redis`; by default chosen from the variables below. */
  STORE: z.enum(["memory", "file", "upstash", "redis"]).optional(),
  /** Folder of the embedded file store. */
  DATA_DIR: optionalText,
  UPSTASH_REDIS_REST_URL: optionalText,
  UPSTASH_REDIS_REST_TOKEN: optionalText,
  /** The names Vercel's Upstash integration injects. */
  KV_REST_API_URL: optionalText,
  KV_REST_API_TOKEN: optionalText,
  /** Plain Redis for self-hosting (`redis://…`, `rediss://…`). */
  REDIS_URL: optionalText,
  /** Prefix of every store key, so deployments can share a database. */
  KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_.-]{0,64}$/, "letters, digits and : _ . - only")
    .default("axf:"),
  /** Override `ai_summary.base_url` / `ai_summary.model` without editing files. */
  OPENAI_BASE_URL: optionalText,
  OPENAI_MODEL: optionalText,
  /** Public origin of the deployment, for absolute links in feeds (otherwise taken from the request). */
  PUBLIC_BASE_URL: optionalText,
  /**
   * Set to `1` when a reverse proxy you run sits in front of the local server and writes
   * X-Forwarded-Host/-Proto; without it those headers are ignored, since any client can send them.
   */
  TRUST_PROXY: optionalText,
  /** Vercel sets these. */
  VERCEL_ENV: optionalText,
  VERCEL: optionalText,
  /** The deployment's own host name, and the project's production domain (no scheme). */
  VERCEL_URL: optionalText,
  VERCEL_PROJECT_PRODUCTION_URL: optionalText,
  /** The git repository a Vercel deployment was built from (system variables): a fork's own. */
  VERCEL_GIT_PROVIDER: optionalText,
  VERCEL_GIT_REPO_OWNER: optionalText,
  VERCEL_GIT_REPO_SLUG: optionalText,
  NODE_ENV: optionalText,
  /**
   * Starts the service's clock at this instant (ISO 8601) instead of the machine's date, for a
   * demo or a test against a fixture day; the clock then runs at the machine's pace.
   */
  ARXIV_FEEDS_NOW: z.iso.datetime({ offset: true }).optional(),
});
export type Env = z.infer<typeof EnvSchema>;
