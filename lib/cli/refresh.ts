import { ConfigError } from "../config/errors.js";
import { loadSettings } from "../config/settings.js";
import { runRefresh } from "../refresh/run-refresh.js";
import { createStore } from "../store/create-store.js";
import { useClockFromEnv } from "./clock-from-env.js";
import { abortOnSignals, exitStatusOf, Interrupted } from "./interrupt.js";
import { formatRefreshTable } from "./refresh-table.js";

/** Exit status when another refresh holds the lock (EX_TEMPFAIL: try again later). */
const EXIT_BUSY = 75;

/** `npm run refresh`: one refresh from the command line, with progress and a final table. */
async function main(): Promise<number> {
  const signal = abortOnSignals();
  const settings = loadSettings();
  useClockFromEnv(settings.env);
  const store = createStore(settings.store, { keyPrefix: settings.keyPrefix });
  const started = Date.now();
  console.log(
    `refreshing ${settings.config.categories.join(", ")} from ${settings.env.ARXIV_BASE_URL} (store: ${settings.store.driver})`,
  );
  if (!settings.llm) console.log("summaries: off (no API key set)");
  try {
    const outcome = await runRefresh({ settings, store, signal, log: (line) => console.log(`  ${line}`) });
    if (outcome.status === "busy") {
      console.error(`not refreshed: ${outcome.reason}`);
      return EXIT_BUSY;
    }
    console.log(formatRefreshTable(outcome.meta));
    console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${outcome.meta.status}`);
    return outcome.meta.status === "failed" ? 1 : 0;
  } catch (error) {
    if (!(error instanceof Interrupted)) throw error;
    console.error(`refresh ${error.message}: stopped, and its lock released for the next one`);
    return exitStatusOf(error.signal);
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(error instanceof ConfigError ? 2 : 1);
  },
);
