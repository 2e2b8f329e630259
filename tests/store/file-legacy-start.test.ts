/**
 * `npm start` on a `.data/` folder left by the older hand-written file store (manifest.json,
 * blobs/, keys/): the SQLite store does not read it, so start finds the store empty, refreshes
 * and serves the feeds, with no step for the user.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ArxivServer, startArxivServer } from "../helpers/arxiv-server.js";
import { FIXTURE_NOW_ISO } from "../helpers/fixtures.js";
import { freePort } from "../helpers/redis-server.js";
import { type RefreshCli, refreshEnv, startRefreshCli, waitUntil } from "../helpers/refresh-cli.js";

let arxiv: ArxivServer;
let dir: string;
let cli: RefreshCli | undefined;
beforeAll(async () => {
  arxiv = await startArxivServer();
  dir = await mkdtemp(join(tmpdir(), "axf-legacy-start-"));
});
afterAll(async () => {
  cli?.kill("SIGKILL");
  await cli?.exited;
  await arxiv?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** The old layout, with a run record that says the feeds are current (so the old store would not refresh). */
async function writeOldFileStore(dataDir: string) {
  for (const sub of ["blobs", "keys", "tmp"]) await mkdir(join(dataDir, sub), { recursive: true });
  const meta = { status: "ok", finishedAt: FIXTURE_NOW_ISO, lastSuccessAt: FIXTURE_NOW_ISO };
  await writeFile(join(dataDir, "blobs", "meta.json"), JSON.stringify(meta));
  const entries = { "axf:meta:refresh": { blob: "meta.json", expiresAt: null } };
  await writeFile(join(dataDir, "manifest.json"), JSON.stringify({ generation: 7, entries }));
}

describe("npm start on an old file store's folder", () => {
  it("finds the store empty, refreshes, and serves the feeds", async () => {
    const env = { ...refreshEnv(arxiv.url), DATA_DIR: join(dir, "store"), PORT: String(await freePort()) };
    await writeOldFileStore(env.DATA_DIR);
    cli = startRefreshCli(env, "start");
    const published = /^\s*published .*\n/m;
    await waitUntil(
      () => published.test(cli?.output() ?? ""),
      45_000,
      `npm start to publish:\n${cli.output()}`,
    );
    expect(cli.output()).toContain("store is empty: refreshing");
    const rss = await fetch(`http://127.0.0.1:${env.PORT}/rss/cs.LG`);
    expect(rss.status).toBe(200);
    expect(await rss.text()).toContain("<item>");
  }, 60_000);
});
