import { healthReport } from "../api/health.js";
import { referenceHealth } from "../api/reference-shape.js";
import { EMBEDDINGS_RECORD_KEY } from "../embeddings/keys.js";
import { type EmbeddingsHealth, recordFrom } from "../embeddings/usage.js";
import { latest } from "../model/latest.js";
import { HEALTH_CACHE_CONTROL, NO_STORE } from "./cache-policy.js";
import { TAG_META } from "./cache-tags.js";
import { CONTENT_TYPES, cachedResponse } from "./cached-response.js";
import { validatorsFor } from "./conditional.js";
import { modifiedWithSchedule } from "./feed-notice.js";
import type { ReadDeps } from "./read-deps.js";
import { wantsReferenceShape } from "./reference-path.js";
import { readRefreshRecords } from "./stored-snapshots.js";

/** The embeddings endpoint's state and running totals (`meta:embeddings`), null when not configured. */
async function embeddingsHealth(deps: ReadDeps): Promise<EmbeddingsHealth | null> {
  const wanted = deps.settings.config.embeddings;
  if (!wanted) return null;
  const usage = recordFrom(await deps.store.get(EMBEDDINGS_RECORD_KEY).catch(() => null)) ?? null;
  return { enabled: Boolean(deps.settings.embeddings), model: wanted.model, usage };
}

/**
 * `GET /api/health` (and `/health` with the reference bot's fields): the last refresh, the last attempt and arXiv's schedule, from
 * `meta:refresh` and `meta:attempt` (one read). Always 200 when the store answers: the body says how things are.
 */
export async function serveHealth(request: Request, deps: ReadDeps): Promise<Response> {
  const { settings, store } = deps;
  const { config } = settings;
  const [{ meta, attempt }, embeddings] = await Promise.all([
    readRefreshRecords(store),
    embeddingsHealth(deps),
  ]);
  const now = deps.now();
  const report = healthReport(
    meta,
    {
      config,
      summariesEnabled: Boolean(settings.llm),
      model: settings.llm?.model ?? config.ai_summary.model,
      storeDriver: settings.store.driver,
      now,
      embeddings,
    },
    attempt,
  );
  // A failed attempt after the last publish changes the body, so it is the newer modification.
  const modified = modifiedWithSchedule(
    new Date(latest([meta?.finishedAt, attempt?.finishedAt]) ?? now),
    now,
  );
  // The bot's `timestamp` is the report's own time (its Last-Modified), so a 304 or a memoised
  // body stays true; the variant keeps the two shapes' validators and memos apart.
  const reference = wantsReferenceShape(request);
  const body = JSON.stringify(
    reference ? referenceHealth(report, meta, config, modified.getTime()) : report,
    null,
    2,
  );
  return cachedResponse({
    request,
    contentType: CONTENT_TYPES.json,
    cacheControl: meta ? HEALTH_CACHE_CONTROL : NO_STORE,
    // The schedule fields change with the clock, not only with the run record.
    validators: meta ? validatorsFor(settings, meta.version, body, modified) : undefined,
    tags: [TAG_META],
    body: () => body,
  });
}
