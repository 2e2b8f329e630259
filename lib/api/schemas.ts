import { z } from "zod";
import { EmbeddingsHealthSchema } from "../embeddings/usage.js";
import { AnnounceTypeSchema, KeywordMatchSchema } from "../model/paper.js";
import { ProfileMissingSchema, ProfileReportSchema } from "../model/profile-missing.js";
import { RefreshAttemptSchema } from "../model/refresh-attempt.js";
import { CategoryReportSchema, LlmUsageSchema, RefreshMetaSchema } from "../model/refresh-meta.js";
import { CloseToSchema } from "../model/snapshot.js";
import { SummarySchema } from "../model/summary.js";

/** A paper as the JSON API returns it. */
export const ApiPaperSchema = z.object({
  id: z.string().describe("arXiv id without version"),
  version: z.number().int(),
  title: z.string(),
  authors: z.array(z.string()),
  abstract: z.string(),
  categories: z.array(z.string()).describe("primary first"),
  primaryCategory: z.string(),
  announceType: AnnounceTypeSchema,
  announced: z.string().describe("announcement date, YYYY-MM-DD"),
  links: z.object({ abs: z.string(), pdf: z.string(), html: z.string() }),
  license: z.string().nullable(),
  doi: z.string().nullable(),
  comment: z.string().nullable(),
  score: z.number(),
  matchedKeywords: z.array(KeywordMatchSchema),
  summary: SummarySchema.nullable().describe("structured summary; `html` is sanitised, `text` is plain"),
  summaryModel: z.string().nullable(),
  similarity: z
    .number()
    .nullable()
    .describe(
      "ranked by named papers (`like`, `dislike`, or config.json's profile): cosine similarity with them, −1–1 (below 0: closer to the disliked ones), worth 10 score points per unit; null otherwise",
    ),
  closeTo: CloseToSchema.extend({
    voted: z
      .boolean()
      .describe(
        "true when the liked paper is one of the feedback profile's own votes (`profile=`: the reader liked a similar paper), false when it was named by `like` or config.json's profile",
      ),
  })
    .nullable()
    .describe(
      "why it ranks where it does under named papers: the liked paper it is closest to (`id`, `title`, cosine `similarity` 0–1, `voted`); null without likes or when it shares no word with any",
    ),
  display: z
    .object({ title: z.string(), abstract: z.string() })
    .describe(
      "title and abstract as feeds show them: simple TeX as Unicode text (`title`, `abstract` keep the original)",
    ),
});
export type ApiPaper = z.infer<typeof ApiPaperSchema>;

/** `GET /api/papers`. */
export const PapersResponseSchema = z.object({
  feed: z.string(),
  source: z
    .enum(["feed", "pool"])
    .describe(
      "`feed`: the published feed; `pool`: every stored paper of the feed from the days_back calendar days (at most 7) up to the latest announcement, re-ranked by a personal feed's filters (`keywords`, `exclude`, `like`, `dislike`, `authors`, `min_score`, `cross_lists`)",
    ),
  version: z.string().nullable(),
  generatedAt: z.string().nullable(),
  total: z.number().int().describe("papers matching the query"),
  count: z.number().int(),
  nextCursor: z.string().nullable(),
  papers: z.array(ApiPaperSchema),
  missing: z
    .array(
      ProfileMissingSchema.describe(
        "`reason`: unknown (arXiv has no such paper), malformed (arXiv refused the id), pending (not looked up yet: a later request will), unavailable (arXiv failed; asked again later)",
      ),
    )
    .optional()
    .describe(
      "present when the papers are ranked by named papers (`like`, `dislike`, or config.json's profile): the ones not used (yet), in the order named; the ranking uses the others",
    ),
});
export type PapersResponse = z.infer<typeof PapersResponseSchema>;

/** One feed of the deployment, `GET /api/categories`. */
export const FeedInfoSchema = z.object({
  name: z.string().describe("`all` or a category such as cs.LG"),
  title: z.string(),
  label: z.string().describe("how a page names the feed: `All categories`, or the category"),
  combined: z.boolean().describe("true for the feed of every configured category (`all`)"),
  about: z
    .string()
    .nullable()
    .describe("a line saying more than the label: the combined feed's categories, a category's arXiv name"),
  count: z.number().int(),
  announced: z.string().nullable(),
  generatedAt: z.string().nullable().describe("when the refresh that published this feed ran"),
  urls: z.object({ rss: z.string(), atom: z.string(), json: z.string(), api: z.string() }),
});
export const CategoriesResponseSchema = z.object({ feeds: z.array(FeedInfoSchema) });
export type CategoriesResponse = z.infer<typeof CategoriesResponseSchema>;

/** One personal-feed filter, `GET /api/filters`. */
export const FilterInfoSchema = z.object({
  name: z.string().describe("the query parameter, such as keywords or limit"),
  personal: z.boolean().describe("true: makes the feed a re-ranking of its pool; false: only shortens it"),
  description: z.string(),
  schema: z
    .record(z.string(), z.unknown())
    .describe("JSON Schema of the value the URL carries (type, minimum, maximum, maxLength, enum)"),
});
export const FiltersResponseSchema = z.object({ filters: z.array(FilterInfoSchema) });
export type FiltersResponse = z.infer<typeof FiltersResponseSchema>;

/** `GET /api/papers/<id>`: the paper and the feeds that hold it. */
export const PaperResponseSchema = z.object({
  paper: ApiPaperSchema,
  feeds: z.array(z.string()).describe("feeds whose published papers include it (none: only in a pool)"),
  generatedAt: z.string().describe("when the refresh that stored it ran"),
});
export type PaperResponse = z.infer<typeof PaperResponseSchema>;

/** Every error body: the status, what went wrong, and the parameter at fault for a 400. */
export const ErrorResponseSchema = z.object({
  error: z
    .object({
      status: z.number().int(),
      message: z.string(),
      parameter: z.string().optional().describe("the query parameter at fault (400)"),
      valid: z.array(z.string()).optional().describe("the valid feed names (404 for an unknown feed)"),
    })
    .loose(),
});

/** `GET /api/health`: what the last refresh did and what arXiv's week looks like now. */
export const HealthResponseSchema = z.object({
  status: z
    .enum(["ok", "degraded", "failing", "empty"])
    .describe(
      "ok: last refresh fetched everything (or arXiv had nothing new); degraded: some categories failed; failing: none could be fetched, or the last attempt threw or the store refused its publish (see lastAttempt); empty: no refresh has run",
    ),
  skipDay: z
    .boolean()
    .describe(
      "arXiv announces nothing today: a weekend, or a weekday whose refresh found empty feeds (holiday)",
    ),
  skipReason: z.string().nullable(),
  arxivFeedDate: z.string().describe("date (US Eastern) of the feed arXiv serves now"),
  nextAnnouncement: z.string().describe("when arXiv's next announcement is expected, ISO"),
  lastRefresh: RefreshMetaSchema.pick({
    version: true,
    startedAt: true,
    finishedAt: true,
    durationMs: true,
    status: true,
    arxivRequests: true,
  })
    .extend({
      announced: z.string().nullable(),
      lastSuccessAt: z.string().nullable(),
      profile: ProfileReportSchema.nullable().describe(
        "config.json's `profile` as that refresh resolved it: papers liked and disliked it ranked by, and the named papers it could not use yet (asked again by the next refresh); null without a profile",
      ),
    })
    .nullable()
    .describe("the last refresh that published: the feeds are its papers"),
  lastAttempt: RefreshAttemptSchema.nullable().describe(
    "the last refresh attempt, published or not; status error: it threw or the store refused its publish, so lastRefresh is still the previous run",
  ),
  categories: z.record(
    z.string(),
    CategoryReportSchema.pick({ status: true, url: true, parsed: true, kept: true }).extend({
      arxivBuiltAt: z.string().nullable().describe("arXiv's lastBuildDate of the category's feed"),
      announced: z.string().nullable(),
      error: z.string().nullable(),
      behind: z
        .boolean()
        .describe(
          "arXiv still served an older day for this category than for the others, after fetching it again on its own; its feed holds the newest day arXiv has for it and its notice says so",
        ),
      servesDay: z.string().nullable().describe("when behind: the day (YYYY-MM-DD) its feed served"),
      othersAnnounced: z.string().nullable().describe("when behind: the day the other categories served"),
    }),
  ),
  feeds: z.record(
    z.string(),
    z.object({
      count: z.number().int().describe("papers the feed holds"),
      arxivBuiltAt: z.string().nullable().describe("arXiv's build date of the newest source of this feed"),
    }),
  ),
  summaries: z.object({
    enabled: z.boolean().describe("an LLM key is set and ai_summary.enabled is on"),
    model: z.string().nullable(),
    pending: z.number().int().describe("papers still waiting for a summary after the last refresh"),
  }),
  llm: LlmUsageSchema.loose().nullable().describe("LLM use of the last refresh, as the refresh recorded it"),
  embeddings: EmbeddingsHealthSchema.nullable().describe(
    "the embeddings endpoint (config.json's embeddings), null when not configured",
  ),
  store: z.string().describe("store driver"),
});
export type HealthResponse = z.infer<typeof HealthResponseSchema>;

/** `GET /health`: the health report with the reference bot's fields, for scripts written against it. */
export const ReferenceHealthSchema = HealthResponseSchema.extend({
  status: z
    .enum(["healthy", "degraded", "unhealthy"])
    .describe("the bot's: healthy when the last run succeeded; degraded: some categories failed"),
  service_status: HealthResponseSchema.shape.status.describe("our status, as /api/health gives it"),
  timestamp: z.string().describe("when this answer was made, ISO 8601"),
  last_cache_update: z.string().nullable().describe("the last successful refresh, ISO 8601"),
  cache_status: z.enum(["active", "empty"]).describe("whether any feed holds papers"),
  total_feeds: z.number().int(),
  total_papers_cached: z.number().int().describe("papers held, counted per feed as the bot did"),
  max_papers_per_feed: z.number().int().describe("config feed_max_papers"),
  max_days_to_keep: z.number().int().describe("config days_back"),
});
export type ReferenceHealth = z.infer<typeof ReferenceHealthSchema>;

/** `GET /api/config`: the effective configuration; secrets never appear, only whether they are set. */
export const PublicConfigSchema = z.object({
  config: z
    .record(z.string(), z.unknown())
    .describe("config.json as validated, defaults filled in, URLs without credentials"),
  effective: z.object({
    summaries: z.object({
      enabled: z.boolean(),
      model: z.string(),
      baseUrl: z.string(),
      apiKeyEnv: z.string().describe("name of the variable holding the key (its value is never shown)"),
      apiKeySet: z.boolean().describe("the key is set and summaries are enabled"),
      promptFile: z
        .enum(["none", "loaded", "missing"])
        .describe(
          "ai_summary.prompt_file: not set, read, or named but not found (the built-in prompt is used)",
        ),
    }),
    store: z.object({ driver: z.string(), url: z.string().nullable(), keyPrefix: z.string() }),
    cron: z.object({ secretSet: z.boolean(), openWithoutSecret: z.boolean() }),
    arxivBaseUrl: z.string(),
    arxivApiBaseUrl: z
      .string()
      .describe(
        "where named papers (`like`, `dislike`, config.json's profile) are looked up: ARXIV_API_BASE_URL",
      ),
    publicBaseUrl: z.string().nullable(),
    production: z.boolean(),
  }),
});
export type PublicConfig = z.infer<typeof PublicConfigSchema>;
