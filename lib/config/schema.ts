import { z } from "zod";
import { ALL_FEED } from "../model/snapshot.js";
import { formatProfileId } from "../profile/profile-id.js";
import { profileIdListSchema } from "../profile/profile-ids-param.js";
import { EMPTY_KEYWORD_RULE, isEmptyKeyword } from "../rank/keyword-matcher.js";
import { isArxivCategory, nearestCategories } from "./arxiv-categories.js";

/** arXiv category names: `cs.LG`, `stat.ML`, `math.OC`, `hep-ex`, `astro-ph.GA`, `q-bio.NC`. */
export const CATEGORY_PATTERN = /^[a-z]+(-[a-z]+)?(\.[A-Za-z]{2,}(-[a-z]+)?)?$/;
export const CategorySchema = z
  .string()
  .regex(CATEGORY_PATTERN, "is not an arXiv category name (like cs.LG or stat.ML)");

/** A configured category: one arXiv lists (its taxonomy), and never the combined feed's name. */
const ConfiguredCategorySchema = z.string().superRefine((name, ctx) => {
  if (isArxivCategory(name)) return;
  const problem =
    name.trim().toLowerCase() === ALL_FEED
      ? `is "${ALL_FEED}", the name of the combined feed of every category; list the categories themselves`
      : `is ${JSON.stringify(name.slice(0, 60))}, not an arXiv category`;
  ctx.addIssue({ code: "custom", message: `${problem} (nearest: ${nearestCategories(name).join(", ")})` });
});

const nonEmptyText = z.string().trim().min(1, "must not be empty");
/** A keyword that has something to look for (personal feeds match config.json's in word mode). */
const keywordText = nonEmptyText.refine((keyword) => !isEmptyKeyword(keyword, "word"), {
  error: EMPTY_KEYWORD_RULE,
});

/** `ai_summary`: the reference system's keys plus ours. Unknown keys are errors. */
export const AiSummaryConfigSchema = z
  .object({
    /** Summaries on or off; off also when no API key is set. */
    enabled: z.boolean().default(true),
    /** Name of the environment variable that holds the API key (the reference used DASHSCOPE_API_KEY). */
    api_key_env: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an environment variable name")
      .default("OPENAI_API_KEY"),
    /** OpenAI-compatible endpoint; `OPENAI_BASE_URL` overrides it. */
    base_url: z.url().default("https://api.openai.com/v1"),
    /** Model name; `OPENAI_MODEL` overrides it. */
    model: nonEmptyText.default("gpt-4o-mini"),
    /** A text file whose contents replace the built-in prompt (relative to config.json). */
    prompt_file: z.string().optional(),
    /** How many of each run's top papers get a summary. */
    max_papers_to_summarize: z.number().int().min(0).max(200).default(15),
    /**
     * How many of each feed's top papers (the combined feed and every category's) come first in
     * that budget, so a single-category reader gets summaries too; the total stays
     * `max_papers_to_summarize`. Default: that budget shared evenly by the feeds; 0 takes the
     * best of all feeds combined, as the reference did.
     */
    per_feed: z.number().int().min(0).max(200).optional(),
    /** Concurrent LLM calls. */
    max_workers: z.number().int().min(1).max(32).default(3),
    /** Summary language (`en`, `zh`, …); technical terms stay in English. */
    language: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, "must be a language tag like en or zh")
      .default("en"),
    /** What the model reads: the abstract, or the paper's arXiv HTML full text. */
    source: z.enum(["abstract", "html"]).default("abstract"),
    /** Full-text budget when `source` is `html`, in tokens (≈ 4 characters each). */
    max_input_tokens: z.number().int().min(500).max(200_000).default(12_000),
    /** Sampling temperature. */
    temperature: z.number().min(0).max(2).default(0.3),
    /** Per-call timeout, seconds. */
    timeout_seconds: z.number().positive().max(600).default(60),
    /** Retries of a call after 429/5xx/timeouts. */
    max_retries: z.number().int().min(0).max(10).default(2),
    /**
     * Stop starting new calls after this many seconds of the refresh; the rest wait for the next
     * run. The cron further caps it so calls in flight and the publish fit in its maxDuration.
     */
    time_budget_seconds: z.number().positive().max(3600).default(180),
    /** Optional cap on tokens spent per UTC day (prompt + completion); 0 means no cap. */
    daily_token_cap: z.number().int().min(0).default(0),
    /** Price per million prompt tokens, for the cost estimate (USD). */
    input_price_per_million: z.number().min(0).default(0.15),
    /** Price per million completion tokens, for the cost estimate (USD). */
    output_price_per_million: z.number().min(0).default(0.6),
  })
  .strict();
export type AiSummaryConfig = z.infer<typeof AiSummaryConfigSchema>;

/**
 * `embeddings`: an OpenAI-compatible `/embeddings` endpoint that measures similarity to a profile
 * instead of the local tf-idf (lib/embeddings/). Absent: off, and nothing leaves the deployment
 * but requests to arXiv. Unknown keys are errors.
 */
export const EmbeddingsConfigSchema = z
  .object({
    /** OpenAI-compatible endpoint; `/embeddings` is appended. */
    base_url: z.url(),
    /** Model name (`text-embedding-3-small`). */
    model: nonEmptyText,
    /**
     * Variable holding the key. When it is unset, the summaries' key is used only if `base_url`
     * is on the summaries' host (a key is never sent to a host it does not belong to).
     */
    api_key_env: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an environment variable name")
      .default("EMBEDDINGS_API_KEY"),
    /**
     * Length of each vector, sent as the request's `dimensions`; an answer of another length is
     * refused. At most 512, so a week of full days fits one store read (256: ~350 bytes a paper).
     */
    dimensions: z.number().int().min(8).max(512).default(256),
    /** Papers per request. */
    batch_size: z.number().int().min(1).max(256).default(64),
    /** Papers embedded per refresh at most; the rest wait for the next one. */
    max_per_run: z.number().int().min(0).max(20_000).default(3000),
    /** Per-request timeout, seconds. */
    timeout_seconds: z.number().positive().max(120).default(20),
    /** Stop starting requests after this many seconds of a refresh. */
    time_budget_seconds: z.number().positive().max(600).default(60),
    /** Price per million input tokens, for the cost estimate (USD). */
    price_per_million: z.number().min(0).default(0.02),
  })
  .strict();
export type EmbeddingsConfig = z.infer<typeof EmbeddingsConfigSchema>;

/** Ids or links as written; each validated, repeats dropped, kept as canonical ids (`2601.20273v2`). */
const profileList = () =>
  profileIdListSchema()
    .transform((ids) => ids.map(formatProfileId))
    .default([]);

/**
 * `profile`: example papers the published feeds are ranked by (similarity to `like` minus
 * `dislike`, added to the keyword score), resolved during the refresh. Unknown keys are errors.
 */
export const ProfileConfigSchema = z
  .object({
    /** arXiv ids or abs/pdf links of papers to rank like (at most 50). */
    like: profileList(),
    /** arXiv ids or links of papers to rank unlike (at most 50). */
    dislike: profileList(),
  })
  .strict();
export type ProfileConfig = z.infer<typeof ProfileConfigSchema>;

/**
 * `config.json`: exactly the reference system's shape, so an existing user's file works
 * unchanged, plus optional keys of ours. Unknown keys are errors (a typo must not pass silently).
 */
export const ConfigSchema = z
  .object({
    /** arXiv categories to follow; each gets its own feed, and `all` combines them. */
    categories: z.array(ConfiguredCategorySchema).min(1, "must list at least one category").max(50),
    /** A paper is kept when any keyword matches its title or abstract. */
    keywords: z.array(keywordText).min(1, "must list at least one keyword"),
    /** A paper is dropped when any of these matches its title or abstract. */
    exclude_keywords: z.array(keywordText).default([]),
    /** Papers kept per feed from each refresh (the day's top N). */
    max_papers: z.number().int().min(1).max(2000).default(30),
    /** Days of announcements a feed keeps. */
    days_back: z.number().int().min(1).max(90).default(7),
    /** Papers scoring below this are left out. */
    min_score: z.number().min(0).default(0),
    /** Drop papers seen twice (same id, title or link). */
    enable_deduplication: z.boolean().default(true),
    /** Which fields identify a duplicate. */
    deduplication_methods: z
      .array(z.enum(["id", "title", "link"]))
      .min(1)
      .default(["id", "title", "link"]),
    /** The reference's cap on papers shown in its README; here it caps the Markdown digest. */
    display_limit: z.number().int().min(1).max(5000).default(500),
    ai_summary: AiSummaryConfigSchema.default(AiSummaryConfigSchema.parse({})),
    /** `word` (default): whole words, plural `s` allowed ("RL" is not in "world"); `substring`: the reference's rule. */
    match_mode: z.enum(["word", "substring"]).default("word"),
    /** Category feeds include papers cross-listed into the category, not only primary ones. */
    include_cross_lists: z.boolean().default(false),
    /** Most papers a feed keeps across the retention window. */
    feed_max_papers: z.number().int().min(1).max(1000).default(100),
    /** Days a stored summary is kept, so papers that reappear are not summarised again. */
    summary_ttl_days: z.number().int().min(1).max(3650).default(90),
    /** Name shown in feed titles and on the landing page. */
    site_title: nonEmptyText.default("arxiv-feeds"),
    /** Example papers the published feeds are ranked by, besides the keywords (optional). */
    profile: ProfileConfigSchema.optional(),
    /** An embeddings endpoint for similarity to the profile (optional; off without it). */
    embeddings: EmbeddingsConfigSchema.optional(),
  })
  .strict();
export type Config = z.infer<typeof ConfigSchema>;
