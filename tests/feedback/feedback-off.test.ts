/*
 * Without FEEDBACK_SECRET feedback is off: every feedback endpoint answers 503 naming the
 * variable, and the feeds answer as before. A secret too short to be one is a config error.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError } from "../../lib/config/errors.js";
import { loadSettings } from "../../lib/config/settings.js";
import { CRON_SECRET, type Service, startService } from "../helpers/service.js";

let service: Service;

beforeAll(async () => {
  service = await startService({ env: { FEEDBACK_SECRET: undefined } });
  expect((await service.refresh()).status).toBe(200);
});
afterAll(async () => {
  await service?.stop();
});

const token = `lab.${"a".repeat(43)}`;
const form = { "content-type": "application/x-www-form-urlencoded" };
const auth = { authorization: `Bearer ${CRON_SECRET}` };

describe("feedback without FEEDBACK_SECRET", () => {
  const requests: [string, RequestInit][] = [
    [`/vote?profile=${token}&id=2601.20273&vote=like&sig=${"b".repeat(43)}`, {}],
    ["/vote", { method: "POST", headers: form, body: `profile=${token}&id=2601.20273&vote=like&sig=x` }],
    [`/profile?token=${token}`, {}],
    ["/profile", { method: "POST", headers: form, body: `token=${token}&id=2601.20273` }],
    ["/api/profiles", { headers: auth }],
    [
      "/api/profiles",
      { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: '{"name":"lab"}' },
    ],
    ["/api/profiles?name=lab", { method: "DELETE", headers: auth }],
    [`/digest.md?profile=${token}`, {}],
  ];

  for (const [path, init] of requests) {
    it(`${init.method ?? "GET"} ${path.split("?")[0]} answers 503 naming FEEDBACK_SECRET`, async () => {
      const response = await service.get(path, init);
      expect(response.status).toBe(503);
      expect(await response.text()).toContain("FEEDBACK_SECRET");
    });
  }

  it("leaves the feeds as they are", async () => {
    for (const path of ["/rss", "/atom/cs.LG", "/feed.json", "/api/papers", "/digest.md"]) {
      expect((await service.get(path)).status, path).toBe(200);
    }
  });
});

describe("a FEEDBACK_SECRET shorter than 32 characters", () => {
  it("is a config error naming the variable, not its value", () => {
    const value = "short-secret-x7";
    const load = () => loadSettings({ ...process.env, FEEDBACK_SECRET: value });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/FEEDBACK_SECRET.*at least 32 characters/);
    try {
      load();
    } catch (error) {
      expect((error as Error).message).not.toContain(value);
    }
  });
});
