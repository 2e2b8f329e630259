import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importGraph } from "../helpers/import-graph.js";

/**
 * The read path (every api/ function but the cron) must not load the arXiv fetcher, the refresh
 * or the summariser: cold starts stay small and no reader waits on arXiv or the LLM.
 */
const FORBIDDEN = [/^lib\/arxiv\/fetch/, /^lib\/refresh\//, /^lib\/summary\//, /^lib\/cli\//];
const FORBIDDEN_PACKAGES = ["openai", "p-limit"];

/** What a function may load, on demand included: a lazy import still runs in the function, and ships with it. */
const graph = (entry: string) => importGraph(entry, { dynamic: true });

const readers = readdirSync("api")
  .filter((name) => name.endsWith(".ts"))
  .map((name) => join("api", name));

describe("the read path's imports", () => {
  it("finds the functions, and the walk sees the cron's refresh and LLM client (a control)", () => {
    expect(readers).toEqual(
      expect.arrayContaining(["api/feed.ts", "api/papers.ts", "api/health.ts", "api/opml.ts"]),
    );
    const cron = [...graph("api/cron/refresh.ts")];
    expect(cron).toContain("lib/refresh/run-refresh.ts");
    expect(cron).toContain("openai");
  });

  for (const entry of readers) {
    it(`${entry} loads no arXiv fetcher, refresh, summariser or LLM client`, () => {
      const modules = [...graph(entry)];
      expect(modules.filter((m) => FORBIDDEN.some((pattern) => pattern.test(m)))).toEqual([]);
      expect(modules.filter((m) => FORBIDDEN_PACKAGES.includes(m))).toEqual([]);
    });
  }
});
