import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CRON_MAX_DURATION_SECONDS } from "../../lib/refresh/run-refresh.js";
import { CRON_SECRET, type Service, startService } from "../helpers/service.js";

/**
 * Proves the deploy artifact, not just the source: `vercel build` (offline, with a stub
 * project file) must produce a function per api/ file that answers as the source does, a cron,
 * the rewrites and each function's maxDuration.
 */
const OUTPUT = resolve(".vercel/output");
type Handler = (request: Request) => Promise<Response>;

function findFunctions(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name.endsWith(".func")) found.push(path);
    else if (entry.isDirectory()) found.push(...findFunctions(path));
  }
  return found;
}

/** Sample requests per function (others are called with no query). */
const SAMPLES: Record<string, string> = {
  "api/feed": "/api/feed?format=atom&category=cs.LG",
  "api/paper": "/api/paper?id=0000.00000",
  "api/papers": "/api/papers?category=cs.DC&limit=5",
};

let service: Service;
let vercelJson: { rewrites: { source: string }[]; crons: { path: string; schedule: string }[] };

beforeAll(async () => {
  mkdirSync(".vercel", { recursive: true });
  if (!existsSync(".vercel/project.json")) {
    writeFileSync(
      ".vercel/project.json",
      JSON.stringify({ projectId: "prj_offline", orgId: "team_offline", settings: { framework: null } }),
    );
  }
  // Asynchronous: a blocked worker cannot answer vitest's own 60 s heartbeat on a slow machine.
  await promisify(execFile)("npx", ["vercel", "build", "--yes"], {
    timeout: 540_000,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, CI: "1" },
  });
  vercelJson = JSON.parse(readFileSync("vercel.json", "utf8"));
  service = await startService();
  await service.refresh();
}, 600_000);
afterAll(() => service?.stop());

describe("vercel build output", () => {
  it("has one function per api/ file", () => {
    const built = findFunctions(join(OUTPUT, "functions")).map((f) =>
      relative(join(OUTPUT, "functions"), f).replace(/\.func$/, ""),
    );
    const sources: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(dir, entry.name));
        else if (entry.name.endsWith(".ts") && !entry.name.startsWith("_"))
          sources.push(join(dir, entry.name).replace(/\.ts$/, ""));
      }
    };
    walk("api");
    expect(built.sort()).toEqual(sources.sort());
  });

  it("carries the weekday cron and every rewrite", () => {
    const config = JSON.parse(readFileSync(join(OUTPUT, "config.json"), "utf8")) as {
      crons: { path: string; schedule: string }[];
      routes: { src?: string; dest?: string }[];
    };
    expect(config.crons).toEqual(vercelJson.crons);
    // After arXiv's rebuild (04:00 UTC in summer, 05:00 in winter) even when Hobby plans start a
    // cron anywhere in its hour, and a catch-up run later the same day.
    expect(config.crons).toEqual([
      { path: "/api/cron/refresh", schedule: "30 6 * * 1-5" },
      { path: "/api/cron/refresh?run=catch-up", schedule: "30 12 * * 1-5" },
    ]);
    const destinations = config.routes.filter((r) => r.dest).length;
    expect(destinations).toBeGreaterThanOrEqual(vercelJson.rewrites.length);
    expect(config.routes.some((r) => r.src === "^/rss$" && r.dest === "/api/feed?format=rss")).toBe(true);
  });

  it("gives the cron function time for summaries and the readers a short limit", () => {
    const cron = JSON.parse(
      readFileSync(join(OUTPUT, "functions/api/cron/refresh.func/.vc-config.json"), "utf8"),
    );
    expect(cron.maxDuration).toBe(CRON_MAX_DURATION_SECONDS);
    const feed = JSON.parse(readFileSync(join(OUTPUT, "functions/api/feed.func/.vc-config.json"), "utf8"));
    expect(feed.maxDuration).toBe(10);
    expect(feed.runtime).toMatch(/^nodejs(22|24)\.x$/);
    expect(Object.keys(feed.filePathMap ?? {})).toContain("config.json");
  });

  it("every built function answers a Request as its source does", async () => {
    // The built bundles carry their own copy of lib/clock.ts, on the machine's clock: the source
    // must answer on that clock too (a weekend notice, a stale-day line) for the bytes to match.
    service.setNow(Date.now());
    for (const func of findFunctions(join(OUTPUT, "functions"))) {
      const name = relative(join(OUTPUT, "functions"), func).replace(/\.func$/, "");
      const vc = JSON.parse(readFileSync(join(func, ".vc-config.json"), "utf8")) as { handler: string };
      const built = (await import(pathToFileURL(join(func, vc.handler)).href)) as Record<string, Handler>;
      const source = (await import(pathToFileURL(resolve(`${name}.ts`)).href)) as Record<string, Handler>;
      expect(typeof built.GET, name).toBe("function");
      const path = SAMPLES[name] ?? `/${name}`;
      // The cron is called without the secret (401 from both); the others with a harmless header.
      const headers: Record<string, string> =
        name === "api/cron/refresh" ? {} : { authorization: `Bearer ${CRON_SECRET}` };
      const [a, b] = await Promise.all([
        built.GET?.(new Request(`http://localhost${path}`, { headers })),
        source.GET?.(new Request(`http://localhost${path}`, { headers })),
      ]);
      expect(a?.status, name).toBe(b?.status);
      expect(a?.headers.get("content-type"), name).toBe(b?.headers.get("content-type"));
      // Same bytes too, except where the body carries the clock or the run (health, cron).
      if (!["api/health", "api/cron/refresh"].includes(name))
        expect(await a?.text(), name).toBe(await b?.text());
    }
  });
});
