import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EnvSchema } from "../../lib/config/env.js";
import { parseConfig, type Settings } from "../../lib/config/settings.js";
import { checkCronAuth } from "../../lib/http/cron-auth.js";
import { REPOSITORY_URL, USER_AGENT } from "../../lib/project.js";

const config = parseConfig(readFileSync("config.json", "utf8"));
const settings = (env: Record<string, string>, production = false): Settings => ({
  config,
  configPath: "config.json",
  env: EnvSchema.parse(env),
  store: { driver: "memory" },
  keyPrefix: "axf:",
  llm: undefined,
  customPrompt: undefined,
  promptFile: "none",
  production,
  repositoryUrl: REPOSITORY_URL,
  userAgent: USER_AGENT,
});
const request = (authorization?: string) =>
  new Request("http://x/api/cron/refresh", { headers: authorization ? { authorization } : {} });

describe("cron endpoint authentication", () => {
  it("accepts exactly Bearer <CRON_SECRET>", () => {
    const s = settings({ CRON_SECRET: "s3cret-value" });
    expect(checkCronAuth(request("Bearer s3cret-value"), s)).toEqual({ ok: true });
    for (const header of [
      undefined,
      "Bearer s3cret-valuX",
      "Bearer s3cret",
      "Bearer s3cret-value2",
      "s3cret-value",
      "Basic s3cret-value",
    ]) {
      expect(checkCronAuth(request(header), s)).toMatchObject({ ok: false, status: 401 });
    }
  });

  it("fails closed in production when CRON_SECRET is missing", () => {
    const result = checkCronAuth(request("Bearer anything"), settings({ ALLOW_OPEN_CRON: "1" }, true));
    expect(result).toMatchObject({ ok: false, status: 503 });
    if (!result.ok) expect(result.message).toContain("CRON_SECRET is not set");
  });

  it("is open locally only when ALLOW_OPEN_CRON=1 is set explicitly", () => {
    expect(checkCronAuth(request(), settings({}))).toMatchObject({ ok: false, status: 401 });
    expect(checkCronAuth(request(), settings({ ALLOW_OPEN_CRON: "1" }))).toEqual({ ok: true });
  });
});
