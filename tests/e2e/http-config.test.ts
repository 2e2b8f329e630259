import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PublicConfig } from "../../lib/api/schemas.js";
import { CRON_SECRET, type Service, startService } from "../helpers/service.js";
import { endpoints } from "../http/support.js";

/** /api/config shows the effective configuration and never a secret, whatever the environment. */
const SECRETS = {
  DASHSCOPE_API_KEY: "sk-live-SECRET-dashscope-123456",
  UPSTASH_REDIS_REST_URL: "https://eu1-example.upstash.io",
  UPSTASH_REDIS_REST_TOKEN: "upstash-SECRET-token-abcdef",
  KV_REST_API_TOKEN: "kv-SECRET-token-654321",
  REDIS_URL: "redis://default:redis-SECRET-pass-777@127.0.0.1:6399/0",
  OPENAI_BASE_URL: "https://proxyuser:proxy-SECRET-pw-999@llm.invalid/v1?api_key=query-SECRET-key-31337",
};
const SECRET_VALUES = [
  CRON_SECRET,
  SECRETS.DASHSCOPE_API_KEY,
  SECRETS.UPSTASH_REDIS_REST_TOKEN,
  SECRETS.KV_REST_API_TOKEN,
  "redis-SECRET-pass-777",
  "proxy-SECRET-pw-999",
  "query-SECRET-key-31337",
];

let service: Service;

beforeAll(async () => {
  // No refresh here: the LLM base URL points nowhere; nothing on the read path may call it.
  service = await startService({ env: { ...SECRETS, OPENAI_MODEL: "gpt-test" } });
});
afterAll(() => service?.stop());

describe("/api/config", () => {
  it("shows config.json with defaults and the effective overrides", async () => {
    const response = await service.get("/api/config");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const body = (await response.json()) as PublicConfig;
    expect(body.config.categories).toEqual(["cs.AI", "cs.CL", "cs.DC", "cs.LG"]);
    expect(body.config.match_mode).toBe("word");
    expect(body.effective.summaries).toEqual({
      enabled: true,
      model: "gpt-test",
      baseUrl: "https://llm.invalid/v1?api_key=redacted",
      apiKeyEnv: "DASHSCOPE_API_KEY",
      apiKeySet: true,
      promptFile: "missing",
    });
    expect(body.effective.store.driver).toBe("file");
    expect(body.effective.cron.secretSet).toBe(true);
    expect(body.effective.arxivBaseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it("never contains a secret's value, on /api/config, /config or any other endpoint", async () => {
    for (const { path } of [...endpoints("2601.00001"), { path: "/api/papers/2601.00001" }]) {
      const text = await (await service.get(path)).text();
      for (const secret of SECRET_VALUES) expect(text, `${path} leaks ${secret}`).not.toContain(secret);
      expect(text, path).not.toContain("SECRET-");
    }
  });
});
