/*
 * Failed runs are visible: a publish that Redis refuses (out of memory, `noeviction`) and a run
 * against a stopped store, on a real redis-server, seen through /api/health.
 */
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HealthResponse } from "../../lib/api/schemas.js";
import { type RedisServer, startRedisServer } from "../helpers/redis-server.js";
import { CRON_SECRET, type Service, startService } from "../helpers/service.js";

const PASSWORD = "pw-secret-9f3a71c2";

let redis: RedisServer;
let admin: ReturnType<typeof createClient>;
let service: Service;

const health = async () => {
  const response = await service.get("/api/health");
  return { status: response.status, body: (await response.json()) as HealthResponse };
};

beforeAll(async () => {
  redis = await startRedisServer();
  admin = createClient({ url: redis.url });
  admin.on("error", () => {}); // the last test stops the server under it
  await admin.connect();
  // A password in REDIS_URL, so an error that echoed the URL would show it.
  await admin.configSet("requirepass", PASSWORD);
  await admin.auth({ password: PASSWORD });
  service = await startService({
    env: { STORE: "redis", REDIS_URL: `redis://:${PASSWORD}@127.0.0.1:${redis.port}` },
  });
});

afterAll(async () => {
  admin?.destroy();
  await service?.stop();
  await redis?.stop();
});

describe("a publish the store refused", () => {
  let before: HealthResponse;

  it("a good run first: ok, and its attempt is the published run", async () => {
    expect((await service.refresh()).status).toBe(200);
    const { body } = await health();
    before = body;
    expect(body.status).toBe("ok");
    expect(body.lastAttempt).toMatchObject({ status: "ok", error: null });
    expect(body.lastAttempt?.finishedAt).toBe(body.lastRefresh?.finishedAt);
  });

  it("Redis out of memory: health says failing, with the error, beside the last success", async () => {
    const used = Number(/used_memory:(\d+)/.exec(await admin.info("memory"))?.[1]);
    // Room for the small attempt record, not for a whole publish of every feed and pool.
    await admin.configSet({ "maxmemory-policy": "noeviction", maxmemory: String(used + 256 * 1024) });
    try {
      const run = await service.refresh();
      expect(run.status).toBeGreaterThanOrEqual(500);
      const { status, body } = await health();
      expect(status).toBe(200);
      expect(body.status).toBe("failing");
      expect(body.lastAttempt).toMatchObject({ status: "error", error: expect.stringMatching(/OOM/) });
      expect(body.lastAttempt?.startedAt).not.toBe(before.lastAttempt?.startedAt);
      // The feeds are still the previous run's, and health says so.
      expect(body.lastRefresh).toEqual(before.lastRefresh);
      expect(body.lastRefresh?.lastSuccessAt).toBe(before.lastRefresh?.finishedAt);
      expect(JSON.stringify(body)).not.toContain(PASSWORD);
      expect(JSON.stringify(run.body)).not.toContain(PASSWORD);
    } finally {
      await admin.configSet("maxmemory", "0");
    }
  });

  it("the next good run clears it", async () => {
    expect((await service.refresh()).status).toBe(200);
    const { body } = await health();
    expect(body.status).toBe("ok");
    expect(body.lastAttempt).toMatchObject({ status: "ok", error: null });
  });
});

describe("a run against a stopped store", () => {
  it("fails too, and health then says the store is unreachable (never the previous ok)", async () => {
    admin.destroy();
    await redis.stop();
    const run = await fetch(`${service.url}/api/cron/refresh`, {
      headers: { authorization: `Bearer ${CRON_SECRET}` },
    });
    expect(run.status).toBe(503);
    const { status, body } = await health();
    expect(status).toBe(503);
    expect(JSON.stringify(body)).toMatch(/store is unreachable/);
    expect(JSON.stringify(body)).not.toContain(PASSWORD);
  });
});
