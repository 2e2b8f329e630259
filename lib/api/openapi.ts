import { z } from "zod";
import { CategorySchema } from "../config/schema.js";
import { feedbackPaths } from "../feedback/openapi-paths.js";
import { RefreshMetaSchema } from "../model/refresh-meta.js";
import { PROJECT_NAME, PROJECT_VERSION, REPOSITORY_URL } from "../project.js";
import {
  componentSchemas,
  errors,
  ok,
  type Parameter,
  pathParameter,
  queryParameters,
  ref,
  SHARED_COMPONENTS,
} from "./openapi-parts.js";
import {
  DigestParamsSchema,
  FeedFilterParamsSchema,
  OpmlParamsSchema,
  PapersParamsSchema,
} from "./params.js";
import {
  ApiPaperSchema,
  CategoriesResponseSchema,
  ErrorResponseSchema,
  FeedInfoSchema,
  FiltersResponseSchema,
  HealthResponseSchema,
  PaperResponseSchema,
  PapersResponseSchema,
  PublicConfigSchema,
  ReferenceHealthSchema,
} from "./schemas.js";

/** What the cron endpoint answers (200). */
const CronResponseSchema = z.object({
  status: RefreshMetaSchema.shape.status,
  published: z.array(z.string()).describe("feeds rebuilt by this run"),
  meta: RefreshMetaSchema,
  log: z.array(z.string()),
});

/** What `/update-cache` (the reference bot's path) answers: the bot's envelope, then ours. */
const ReferenceRefreshSchema = CronResponseSchema.omit({ status: true }).extend({
  status: z.enum(["success", "error"]).describe("the bot's: success when the refresh ran"),
  timestamp: z.string().describe("ISO 8601"),
  message: z.string(),
  refresh_status: RefreshMetaSchema.shape.status.describe("our run status, as /api/cron/refresh gives it"),
});

const FEED_TYPES = {
  rss: "application/rss+xml",
  atom: "application/atom+xml",
  json: "application/feed+json",
} as const;

const categoryParameter = pathParameter(
  "category",
  CategorySchema,
  "A configured arXiv category such as cs.LG",
);
const filterParameters = queryParameters(FeedFilterParamsSchema);

function feedOperation(format: keyof typeof FEED_TYPES, withCategory: boolean) {
  const parameters: Parameter[] = withCategory ? [categoryParameter, ...filterParameters] : filterParameters;
  const what = withCategory ? "one category" : "every configured category";
  return {
    get: {
      tags: ["feeds"],
      summary: `${format === "json" ? "JSON Feed 1.1" : format === "rss" ? "RSS 2.0" : "Atom 1.0"} of ${what}`,
      description:
        "The ranked papers with scores and AI summaries. Any filter parameter makes it a personal feed: every stored paper of the feed from the `days_back` calendar days (at most 7) up to the latest announcement, re-ranked by the filters (no LLM call; papers named by `like`/`dislike` that the deployment does not hold are looked up once on arXiv's API, and the channel description names any not resolved yet); `limit` alone shortens the feed. Items ranked by named papers say which liked paper each is close to.",
      parameters,
      responses: {
        "200": ok("The feed", FEED_TYPES[format], { type: "string" }),
        ...errors(304, 400, 404, 429, 503),
      },
    },
  };
}

const jsonGet = (
  tag: string,
  summary: string,
  schema: string,
  parameters: Parameter[] = [],
  extra = errors(304, 400, 503),
) => ({
  get: {
    tags: [tag],
    summary,
    parameters,
    responses: { "200": ok(summary, "application/json", ref(schema)), ...extra },
  },
});

/** The six feed routes: all categories and one, in each format. */
const feedPaths = () => ({
  "/rss": feedOperation("rss", false),
  "/rss/{category}": feedOperation("rss", true),
  "/atom": feedOperation("atom", false),
  "/atom/{category}": feedOperation("atom", true),
  "/feed.json": feedOperation("json", false),
  "/feed/{category}.json": feedOperation("json", true),
});

/** The JSON API's routes, this document's own included. */
const apiPaths = () => ({
  "/api/papers": jsonGet(
    "api",
    "Papers of a feed, filtered and paged",
    "PapersResponse",
    queryParameters(PapersParamsSchema),
    errors(304, 400, 404, 429, 503),
  ),
  "/api/papers/{id}": jsonGet(
    "api",
    "One paper by arXiv id",
    "PaperResponse",
    [
      pathParameter(
        "id",
        z.string(),
        "arXiv id with or without version (2604.21952, 2604.21952v2, arXiv:2604.21952); old-style ids keep their slash (hep-ex/0101001)",
      ),
    ],
    errors(304, 400, 404, 503),
  ),
  "/api/categories": jsonGet("api", "Every feed with its URLs and counts", "CategoriesResponse"),
  "/api/filters": jsonGet(
    "api",
    "The personal-feed filters every feed URL accepts, with their limits",
    "FiltersResponse",
    [],
    errors(304),
  ),
  "/api/openapi.json": {
    get: {
      tags: ["api"],
      summary: "This document",
      responses: { "200": ok("OpenAPI 3.1", "application/json", { type: "object" }), ...errors(304) },
    },
  },
});

/** The feed list and the digest: whole-day documents beside the feeds. */
const documentPaths = () => ({
  "/feeds.opml": {
    get: {
      tags: ["feeds"],
      summary: "Every feed as an OPML 2.0 subscription list",
      parameters: queryParameters(OpmlParamsSchema),
      responses: { "200": ok("OPML", "text/x-opml", { type: "string" }), ...errors(304, 400) },
    },
  },
  "/digest.md": {
    get: {
      tags: ["feeds"],
      summary:
        "The day's papers as Markdown in the reference bot's README shape; with `profile`, ranked by that feedback profile as its feeds are, each paper with its vote links (privately cached, counted as a personal feed)",
      parameters: queryParameters(DigestParamsSchema),
      responses: {
        "200": ok("Markdown", "text/markdown", { type: "string" }),
        ...errors(304, 400, 404, 429, 503),
      },
    },
  },
});

/** An authenticated refresh route answering `schema`. */
const cronOperation = (schema: string, summary: string) => ({
  tags: ["service"],
  summary,
  security: [{ cronSecret: [] }],
  responses: {
    "200": {
      description: "The run's outcome",
      content: { "application/json": { schema: ref(schema) } },
    },
    ...errors(401, 409, 503),
  },
});

/** Health, configuration and refresh, each also under the reference bot's path. */
function servicePaths() {
  const cron = cronOperation("CronResponse", "Run a refresh now (Vercel Cron calls this on weekdays)");
  const updateCache = cronOperation(
    "ReferenceRefresh",
    "The reference bot's manual refresh (now authenticated): its status, timestamp and message, then ours",
  );
  return {
    "/api/health": jsonGet(
      "service",
      "Last refresh, arXiv schedule, counts, summaries pending, LLM use",
      "HealthResponse",
    ),
    "/health": jsonGet(
      "service",
      "The health report with the reference bot's fields (status healthy, last_cache_update, …)",
      "ReferenceHealth",
    ),
    "/api/config": jsonGet("service", "Effective configuration, secrets redacted", "PublicConfig"),
    "/config": jsonGet(
      "service",
      "The configuration object itself, as the reference bot answered it, secrets redacted",
      "ReferenceConfig",
    ),
    "/api/cron/refresh": { get: cron, post: cron },
    // The reference bot's manual refresh, kept for existing scripts (now authenticated).
    "/update-cache": { get: updateCache, post: updateCache },
  };
}

/** The named response schemas the paths refer to, and the shared parameters and schemes. */
const components = () => ({
  schemas: componentSchemas({
    ApiPaper: ApiPaperSchema,
    PapersResponse: PapersResponseSchema,
    PaperResponse: PaperResponseSchema,
    FeedInfo: FeedInfoSchema,
    CategoriesResponse: CategoriesResponseSchema,
    FiltersResponse: FiltersResponseSchema,
    HealthResponse: HealthResponseSchema,
    PublicConfig: PublicConfigSchema,
    ReferenceHealth: ReferenceHealthSchema,
    ReferenceConfig: PublicConfigSchema.shape.config,
    CronResponse: CronResponseSchema,
    ReferenceRefresh: ReferenceRefreshSchema,
    Error: ErrorResponseSchema,
  }),
  ...SHARED_COMPONENTS,
});

/**
 * The OpenAPI 3.1 document of every route, generated from the same zod schemas that validate
 * the parameters and shape the responses. `origin` is the server URL it names.
 */
export function openApiDocument(origin: string): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: {
      title: PROJECT_NAME,
      version: PROJECT_VERSION,
      description:
        "Today's arXiv papers ranked by keywords (and by similarity to papers you name) and summarised by an LLM, as RSS, Atom, JSON Feed and a JSON API. Every response comes from one stored snapshot; GETs are CORS-open and answer conditional requests with 304.",
    },
    // The project's documentation, not the deployment's repository (often a private fork).
    externalDocs: { url: REPOSITORY_URL },
    servers: [{ url: origin }],
    paths: { ...feedPaths(), ...apiPaths(), ...documentPaths(), ...servicePaths(), ...feedbackPaths() },
    components: components(),
  };
}
