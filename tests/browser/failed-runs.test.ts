/*
 * The landing page after failed refreshes, in real headless Chromium, on a real redis-server:
 * a first run with arXiv unreachable (nothing ever published), then a publish Redis refused
 * (out of memory) after a good run. The page must say one consistent thing each time.
 */
import type { Browser, Page } from "playwright-core";
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HealthResponse } from "../../lib/api/schemas.js";
import { launchChromium } from "../helpers/chromium.js";
import { type RedisServer, startRedisServer } from "../helpers/redis-server.js";
import { type Service, startService } from "../helpers/service.js";

let redis: RedisServer;
let admin: ReturnType<typeof createClient>;
let service: Service;
let browser: Browser;

beforeAll(async () => {
  redis = await startRedisServer();
  admin = createClient({ url: redis.url });
  admin.on("error", () => {});
  await admin.connect();
  service = await startService({ env: { STORE: "redis", REDIS_URL: redis.url } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  admin?.destroy();
  await service?.stop();
  await redis?.stop();
});

/**
 * The landing page with the page's clock half a minute after the last attempt (the service
 * runs on the fixtures' day), once it has built its notices and paper list.
 */
async function openPage(): Promise<{ page: Page; problems: string[]; close: () => Promise<void> }> {
  const health = (await (await service.get("/api/health")).json()) as HealthResponse;
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  await page.clock.setFixedTime(Date.parse(health.lastAttempt?.finishedAt ?? "") + 30_000);
  await page.goto(`${service.url}/`);
  await page.locator("#health .health-line").waitFor();
  await page.locator("#papers-body:not([aria-busy]) :is(.paper, .notice, .placeholder)").first().waitFor();
  return { page, problems, close: () => context.close() };
}

describe("first run with arXiv unreachable", () => {
  it("says once, consistently, that no refresh has succeeded and why", async () => {
    service.arxiv.setMode("*", "reset");
    expect((await service.refresh()).status).toBe(502);
    const { page, problems, close } = await openPage();
    // biome-ignore lint/performance/useDomNodeTextContent: what a reader sees, not hidden text
    const text = await page.locator("body").innerText();
    for (const contradiction of [
      "has not run",
      "kept the previous papers",
      "Last refresh",
      "Last successful",
    ])
      expect(text).not.toContain(contradiction);

    const health = (await page.locator("#health").textContent()) ?? "";
    expect(health).toContain("Last attempt just now");
    expect(health).toContain("arXiv could not be reached");
    const notices = page.locator("#notices .notice");
    await expect(notices.count()).resolves.toBe(1);
    const notice = (await notices.textContent()) ?? "";
    expect(notice).toContain("No papers yet: no refresh has succeeded.");
    expect(notice).toContain("ARXIV_BASE_URL");
    expect(notice).toContain("npm run refresh");
    await expect(page.locator("#papers-body").textContent()).resolves.toBe("No papers yet (see above).");
    expect(problems).toEqual([]);
    await close();
  });
});

describe("a publish Redis refused after a good run", () => {
  it("shows the failed attempt and its error beside the last success, and the kept papers", async () => {
    service.arxiv.reset();
    expect((await service.refresh()).status).toBe(200);
    const used = Number(/used_memory:(\d+)/.exec(await admin.info("memory"))?.[1]);
    await admin.configSet({ "maxmemory-policy": "noeviction", maxmemory: String(used + 256 * 1024) });
    try {
      expect((await service.refresh()).status).toBe(503);
    } finally {
      await admin.configSet("maxmemory", "0");
    }
    const { page, problems, close } = await openPage();
    const health = (await page.locator("#health").textContent()) ?? "";
    expect(health).toContain("Last attempt just now");
    expect(health).toContain("The refresh failed and published nothing; the feeds kept the previous papers");
    expect(health).toMatch(/OOM command not allowed/);
    expect(health).toMatch(/Last successful refresh \S/);
    await expect(page.locator("#notices .notice").count()).resolves.toBe(0);
    await expect(page.locator("#papers-body .paper").count()).resolves.toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await close();
  });
});
