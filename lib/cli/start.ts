import { now } from "../clock.js";
import { ConfigError } from "../config/errors.js";
import { getSettings } from "../config/settings.js";
import type { RefreshMeta } from "../model/refresh-meta.js";
import { runRefresh } from "../refresh/run-refresh.js";
import { startLocalServer } from "../server/local-server.js";
import { getStore } from "../store/instance.js";
import { META_REFRESH_KEY } from "../store/keys.js";
import { arxivUnreachable } from "./arxiv-unreachable.js";
import { useClockFromEnv } from "./clock-from-env.js";
import { abortOnSignals, exitStatusOf, Interrupted } from "./interrupt.js";
import { formatRefreshTable } from "./refresh-table.js";
import { isStale } from "./staleness.js";

/** `npm start`: the local server on the embedded store, refreshed on start when stale. */
async function main(): Promise<void> {
  // Ctrl-C or SIGTERM: a refresh under way releases its lock (on the abort), then the process ends.
  const signal = abortOnSignals();
  let refreshing: Promise<unknown> = Promise.resolve();
  signal.addEventListener("abort", () => {
    const { signal: name } = signal.reason as Interrupted;
    void refreshing.finally(() => process.exit(exitStatusOf(name)));
  });
  const settings = getSettings();
  useClockFromEnv(settings.env);
  const store = getStore();
  const server = await startLocalServer({ port: settings.env.PORT, host: settings.env.HOST });
  const { url } = server;
  const first = settings.config.categories[0] ?? "cs.LG";
  console.log(`arxiv-feeds is running at ${url}  (store: ${settings.store.driver}, summaries: ${settings.llm ? settings.llm.model : "off"})
  open        ${url}/
  subscribe   ${url}/rss            (all categories; also /atom, /feed.json)
              ${url}/rss/${first}   (one category; also /atom/${first}, /feed/${first}.json)
  API         ${url}/api/papers     health ${url}/api/health
  OPML        ${url}/feeds.opml     digest ${url}/digest.md`);

  const meta = await store.get<RefreshMeta>(META_REFRESH_KEY).catch(() => null);
  if (!isStale(meta, now())) {
    console.log(
      `feeds are current (last refresh ${meta?.finishedAt}); run \`npm run refresh\` to fetch again`,
    );
    return;
  }
  console.log(
    `${meta ? "feeds are older than arXiv's latest announcement" : "store is empty"}: refreshing from ${settings.env.ARXIV_BASE_URL}`,
  );
  try {
    const run = runRefresh({ settings, store, signal, log: (line) => console.log(`  ${line}`) });
    refreshing = run.catch(() => {});
    const outcome = await run;
    if (outcome.status === "busy") console.log(`refresh skipped: ${outcome.reason}`);
    else {
      console.log(formatRefreshTable(outcome.meta));
      if (outcome.meta.status === "failed")
        console.log(`${arxivUnreachable(settings.env.ARXIV_BASE_URL)}; serving what the store has`);
    }
  } catch (error) {
    if (error instanceof Interrupted) return console.error(`refresh ${error.message}: its lock is released`);
    console.error(`refresh failed (${(error as Error).message}); serving what the store has`);
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
