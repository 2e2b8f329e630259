import { describe, expect, it } from "vitest";
import { importGraph } from "../helpers/import-graph.js";

/**
 * A refresh with summaries off does not load the summariser: the LLM client and the HTML
 * sanitiser (openai, sanitize-html, marked, htmlparser2, p-limit) were a fifth of its start-up
 * (issue 13, item 6). They are imported on demand, when a paper needs a summary.
 */
const SUMMARISER = "lib/summary/summarise.ts";
const ITS_PACKAGES = ["openai", "sanitize-html", "marked", "htmlparser2", "p-limit"];
const ENTRIES = ["lib/cli/refresh.ts", "api/cron/refresh.ts", "lib/cli/start.ts"];

describe("what a refresh loads before it knows summaries are needed", () => {
  for (const entry of ENTRIES) {
    it(`${entry} loads the summariser and its packages only on demand`, () => {
      const atStart = importGraph(entry, { dynamic: false });
      const onDemand = importGraph(entry, { dynamic: true });
      expect(atStart).toContain("lib/refresh/run-refresh.ts");
      expect([...atStart].filter((m) => m === SUMMARISER || ITS_PACKAGES.includes(m))).toEqual([]);
      // A control, and what a bundler or Vercel's tracer follows: the summariser is still reached.
      expect([...onDemand]).toEqual(expect.arrayContaining([SUMMARISER, ...ITS_PACKAGES]));
    });
  }
});
