import { ConfigError } from "../config/errors.js";
import { loadSettings } from "../config/settings.js";
import { runRefresh } from "../refresh/run-refresh.js";
import { createStore } from "../store/create-store.js";
import { useClockFromEnv } from "./clock-from-env.js";
import { formatRefreshTable } from "./refresh-table.js";

/** `npm run refresh`: one refresh from the command line, with progress and a final table. */
async function main(): Promise<number> {
  const settings = loadSettings();
  useClockFromEnv(settings.env);
  const store = createStore(settings.store, { keyPrefix: settings.keyPrefix });
  const started = Date.now();
  console.log(
    `refreshing ${settings.config.categories.join(", ")} from ${settings.env.ARXIV_BASE_URL} (store: ${settings.store.driver})`,
  );
  if (!settings.llm) console.log("summaries: off (no API key set)");
  try {
    const outcome = await runRefresh({ settings, store, log: (line) => console.log(`  ${line}`) });
    if (outcome.status === "busy") {
      console.log(`not refreshed: ${outcome.reason}`);
      return 0;
    }
    console.log(formatRefreshTable(outcome.meta));
    console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${outcome.meta.status}`);
    return outcome.meta.status === "failed" ? 1 : 0;
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
