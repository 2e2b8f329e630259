import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The read path (every api/ function but the cron) must not load the arXiv fetcher, the refresh
 * or the summariser: cold starts stay small and no reader waits on arXiv or the LLM.
 */
const FORBIDDEN = [/^lib\/arxiv\/fetch/, /^lib\/refresh\//, /^lib\/summary\//, /^lib\/cli\//];
const FORBIDDEN_PACKAGES = ["openai", "p-limit"];

function importsOf(file: string): string[] {
  const source = readFileSync(file, "utf8");
  return [...source.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/gms)].map((m) => m[1] ?? "");
}

/** Every module `entry` loads, transitively: repository-relative paths and package names. */
function graph(entry: string): Set<string> {
  const seen = new Set<string>();
  const walk = (file: string) => {
    const key = relative(process.cwd(), file);
    if (seen.has(key)) return;
    seen.add(key);
    for (const specifier of importsOf(file)) {
      if (specifier.startsWith(".")) walk(resolve(dirname(file), specifier.replace(/\.js$/, ".ts")));
      else seen.add(specifier);
    }
  };
  walk(resolve(entry));
  return seen;
}

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
