/**
 * The Vercel functions run on Upstash or Redis and must never load the embedded store's native
 * module: a feed request through api/feed.ts loads better-sqlite3 only when the store is the
 * embedded one (the control), in a child process so nothing else loaded it before.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RedisServer, startRedisServer } from "../helpers/redis-server.js";

const CHILD = fileURLToPath(new URL("./native-load-child.ts", import.meta.url));
let redis: RedisServer;
let dir: string;
beforeAll(async () => {
  redis = await startRedisServer();
  dir = await mkdtemp(join(tmpdir(), "axf-native-load-"));
});
afterAll(async () => {
  await redis?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function feedRequest(env: Record<string, string>): Promise<{ status: number; loaded: boolean }> {
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", CHILD], {
    env: { PATH: process.env.PATH ?? "", CONFIG_PATH: "config.json", KEY_PREFIX: "native:", ...env },
  });
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "");
}

describe("which store loads the native SQLite module", () => {
  it("the embedded store does (control); Redis does not", async () => {
    expect(await feedRequest({ STORE: "file", DATA_DIR: dir })).toEqual({ status: 200, loaded: true });
    expect(await feedRequest({ STORE: "redis", REDIS_URL: redis.url })).toEqual({
      status: 200,
      loaded: false,
    });
  }, 60_000);
});
