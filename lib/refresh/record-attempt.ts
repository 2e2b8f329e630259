import { setTimeout as sleep } from "node:timers/promises";
import type { Settings } from "../config/settings.js";
import { clipError, type RefreshAttempt } from "../model/refresh-attempt.js";
import { urlSecrets } from "../store/driver-support.js";
import { META_ATTEMPT_KEY } from "../store/keys.js";
import type { Store } from "../store/types.js";
import { redactSecrets } from "../summary/redact.js";

/**
 * Pauses before each try of the attempt's write, ms. Redis keeps counting a refused publish's
 * request buffer against `maxmemory` for a moment after refusing it, so an immediate small
 * write can be refused too; a store that is down fails each try fast.
 */
const RETRY_PAUSES_MS = [0, 250, 1000];

/** Every secret of the deployment that an error message could echo. */
function secretsOf(settings: Settings): string[] {
  const { store, env, llm } = settings;
  const secrets = [
    llm?.apiKey,
    env.CRON_SECRET,
    env.FEEDBACK_SECRET,
    store.driver === "upstash" ? store.token : undefined,
  ];
  if (store.driver === "redis") secrets.push(...urlSecrets(store.url));
  return secrets.filter((secret): secret is string => Boolean(secret));
}

/** An error's message as an attempt keeps it: secrets and URL credentials removed, clipped. */
export function attemptError(error: unknown, settings: Settings): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const clean = redactSecrets(message, secretsOf(settings)).replace(/\/\/[^\s/@]+@/g, "//***@");
  return clipError(clean);
}

/**
 * Records a run that threw (its publish refused by the store among the ways) as the last
 * attempt. Best effort: with the store down this write fails too, and readers then get the
 * store's own 503; the failure is logged, never thrown over the run's error.
 */
export async function recordFailedAttempt(
  deps: { settings: Settings; store: Store; log: (line: string) => void },
  started: number,
  finished: number,
  error: unknown,
): Promise<RefreshAttempt> {
  const attempt: RefreshAttempt = {
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date(finished).toISOString(),
    durationMs: finished - started,
    status: "error",
    error: attemptError(error, deps.settings),
  };
  deps.log(`refresh failed, nothing published: ${attempt.error}`);
  let lastError: unknown;
  for (const pause of RETRY_PAUSES_MS) {
    await sleep(pause);
    try {
      await deps.store.set(META_ATTEMPT_KEY, attempt);
      return attempt;
    } catch (writeError) {
      lastError = writeError;
    }
  }
  deps.log(`the failed attempt was not recorded either: ${attemptError(lastError, deps.settings)}`);
  return attempt;
}
