import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { publicConfig, redactUrl } from "../../lib/api/public-config.js";
import { loadSettings } from "../../lib/config/settings.js";

const CONFIG_PATH = resolve("config.json");

describe("redactUrl", () => {
  it("drops credentials and fragments, and masks credential-like query values", () => {
    expect(redactUrl("redis://default:pw@host:6379/0")).toBe("redis://host:6379/0");
    expect(redactUrl("https://u:p@x.io/v1?api_key=abc&model=m&sig=s#frag")).toBe(
      "https://x.io/v1?api_key=redacted&model=m&sig=redacted",
    );
    expect(redactUrl("not a url")).toBe("[redacted]");
  });
});

describe("publicConfig", () => {
  it("shows no secret for any store driver, only whether each is set", () => {
    const secrets = ["cron-secret-value-1", "upstash-token-value-2", "sk-key-value-3", "redis-pass-value-4"];
    const cases = [
      {
        STORE: "upstash",
        UPSTASH_REDIS_REST_URL: "https://eu1.upstash.io",
        UPSTASH_REDIS_REST_TOKEN: secrets[1],
      },
      { STORE: "redis", REDIS_URL: `rediss://default:${secrets[3]}@cache.example:6380` },
      { KV_REST_API_URL: "https://kv.example", KV_REST_API_TOKEN: secrets[1] },
    ];
    for (const env of cases) {
      const settings = loadSettings({
        CONFIG_PATH,
        CRON_SECRET: secrets[0],
        DASHSCOPE_API_KEY: secrets[2],
        ...env,
      });
      const shown = publicConfig(settings);
      const text = JSON.stringify(shown);
      for (const secret of secrets)
        expect(text, `${env.STORE ?? "kv"} leaks ${secret}`).not.toContain(secret);
      expect(shown.effective.cron.secretSet).toBe(true);
      expect(shown.effective.summaries.apiKeySet).toBe(true);
      expect(shown.effective.store.url).toMatch(/^https?:|^rediss:/);
    }
  });

  it("replaces any string that carries a secret, wherever it comes from", () => {
    const settings = loadSettings({
      CONFIG_PATH,
      STORE: "memory",
      OPENAI_MODEL: "model-with-sk-key-value-3",
      DASHSCOPE_API_KEY: "sk-key-value-3",
    });
    expect(publicConfig(settings).effective.summaries.model).toBe("[redacted]");
  });
});
