import { readdirSync, statSync } from "node:fs";
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

/** What loading a function loads at once (type-only imports load nothing). */
const eager = (entry: string) => [...importGraph(entry, { dynamic: false, runtimeOnly: true })];

/**
 * Ceilings on what each function loads eagerly: repository source files and their bytes
 * (issue 13 item 5), at what the lazy imports achieved plus ~10%. Over it: load the new part on
 * demand, or raise the ceiling in the same commit and say why.
 */
const BUDGET: Record<string, { files: number; bytes: number }> = {
  "api/feed.ts": { files: 113, bytes: 322_000 },
  "api/papers.ts": { files: 124, bytes: 361_000 },
  "api/paper.ts": { files: 74, bytes: 217_000 },
  "api/categories.ts": { files: 64, bytes: 182_000 },
  "api/health.ts": { files: 65, bytes: 185_000 },
  "api/digest.ts": { files: 77, bytes: 229_000 },
  "api/opml.ts": { files: 66, bytes: 194_000 },
  "api/openapi.ts": { files: 70, bytes: 221_000 },
  "api/config.ts": { files: 60, bytes: 174_000 },
  "api/filters.ts": { files: 61, bytes: 184_000 },
  "api/vote.ts": { files: 80, bytes: 217_000 },
  "api/profile.ts": { files: 83, bytes: 223_000 },
  "api/profiles.ts": { files: 67, bytes: 192_000 },
};

/** A plain feed request serves the refresh's bytes: renderers and the personal ranking load on demand. */
const NOT_ON_PLAIN_FEED = [
  /^lib\/render\/(?:rss|atom|json-feed|feed-package)\.ts$/,
  /^lib\/api\/personal-rank\.ts$/,
  /^lib\/profile\/profile-lookup\.ts$/,
  /^lib\/arxiv\/(?:api-query|parse)/,
  /^lib\/api\/openapi/,
];

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

  for (const [entry, budget] of Object.entries(BUDGET)) {
    it(`${entry} loads at most ${budget.files} source files (${budget.bytes} bytes) eagerly`, () => {
      const sources = eager(entry).filter((m) => m.endsWith(".ts"));
      const bytes = sources.reduce((sum, file) => sum + statSync(file).size, 0);
      expect(sources.length).toBeLessThanOrEqual(budget.files);
      expect(bytes).toBeLessThanOrEqual(budget.bytes);
    });
  }

  it("every read function has a budget", () => {
    expect(Object.keys(BUDGET).sort()).toEqual(readers.filter((r) => !r.includes("cron")).sort());
  });

  it("a plain feed loads no renderer, feed package, personal ranking or arXiv client eagerly (yet on demand)", () => {
    const modules = eager("api/feed.ts");
    expect(modules.filter((m) => NOT_ON_PLAIN_FEED.some((pattern) => pattern.test(m)))).toEqual([]);
    expect(modules).not.toContain("feed");
    expect(modules).not.toContain("fast-xml-parser");
    const onDemand = [...graph("api/feed.ts")];
    expect(onDemand).toContain("lib/render/rss.ts");
    expect(onDemand).toContain("feed");
  });
});
