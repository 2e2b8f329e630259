import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../lib/config/errors.js";
import { deployedRepositoryUrl, loadSettings, parseConfig } from "../../lib/config/settings.js";
import { REPOSITORY_URL, USER_AGENT } from "../../lib/project.js";

const referenceText = readFileSync("../shared/reference/config.json", "utf8");
const reference = JSON.parse(referenceText) as Record<string, unknown>;

const withConfig = (config: unknown, env: Record<string, string> = {}) => {
  const dir = mkdtempSync(join(tmpdir(), "axf-config-"));
  const path = join(dir, "config.json");
  writeFileSync(path, typeof config === "string" ? config : JSON.stringify(config));
  return () => loadSettings({ CONFIG_PATH: path, ...env });
};

const messageOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
};

describe("config.json", () => {
  it("accepts the reference system's config.json unchanged, and ships its values", () => {
    const config = parseConfig(referenceText);
    expect(config.categories).toEqual(["cs.AI", "cs.CL", "cs.DC", "cs.LG"]);
    expect(config.ai_summary.api_key_env).toBe("DASHSCOPE_API_KEY");
    expect(config.ai_summary.max_workers).toBe(3);
    expect(JSON.parse(readFileSync("config.json", "utf8"))).toEqual(reference);
  });

  it("fills our new keys with defaults that keep the reference's behaviour available", () => {
    const config = parseConfig(referenceText);
    expect(config.match_mode).toBe("word");
    expect(config.include_cross_lists).toBe(false);
    expect(config.feed_max_papers).toBe(100);
    expect(config.ai_summary.language).toBe("en");
    expect(config.ai_summary.source).toBe("abstract");
  });

  it("names the file and the unknown key", () => {
    const message = messageOf(withConfig({ ...reference, keywrods: ["x"] }));
    expect(message).toMatch(/config\.json: unknown key "keywrods"/);
    const nested = messageOf(
      withConfig({ ...reference, ai_summary: { ...(reference.ai_summary as object), modle: "x" } }),
    );
    expect(nested).toContain('unknown key "modle" in "ai_summary"');
  });

  it("names the key of a wrong type", () => {
    expect(messageOf(withConfig({ ...reference, max_papers: "30" }))).toMatch(/"max_papers" .*number/);
    expect(messageOf(withConfig({ ...reference, ai_summary: { enabled: "yes" } }))).toContain(
      '"ai_summary.enabled"',
    );
  });

  it("names a malformed category by its position", () => {
    const message = messageOf(withConfig({ ...reference, categories: ["cs.AI", "cs LG"] }));
    expect(message).toContain('"categories[1]" is "cs LG", not an arXiv category (nearest: cs.LG');
  });

  it("reports invalid JSON and a missing file with the path", () => {
    expect(messageOf(withConfig("{ not json"))).toMatch(/config\.json: not valid JSON/);
    expect(messageOf(() => loadSettings({ CONFIG_PATH: "/nonexistent/config.json" }))).toContain(
      "/nonexistent/config.json: cannot be read (ENOENT)",
    );
  });

  it("takes secrets only from the environment: summaries are off without the configured key", () => {
    const load = withConfig(reference);
    expect(load().llm).toBeUndefined();
    const withKey = withConfig(reference, { DASHSCOPE_API_KEY: "sk-test" })();
    expect(withKey.llm).toEqual({
      apiKey: "sk-test",
      baseUrl: "https://dashscope.aliyuncs.com/compatible-mode/v1",
      model: "qwen-long",
    });
    const overridden = withConfig(reference, {
      DASHSCOPE_API_KEY: "sk-test",
      OPENAI_BASE_URL: "http://127.0.0.1:9/v1",
      OPENAI_MODEL: "deepseek-chat",
    })();
    expect(overridden.llm).toMatchObject({ baseUrl: "http://127.0.0.1:9/v1", model: "deepseek-chat" });
  });

  it("falls back to OPENAI_API_KEY with OpenAI's endpoint, never sending it to the configured provider", () => {
    const openai = withConfig(reference, { OPENAI_API_KEY: "sk-openai" })();
    expect(openai.llm).toEqual({
      apiKey: "sk-openai",
      baseUrl: "https://api.openai.com/v1",
      model: "gpt-4o-mini",
    });
    // The configured variable wins, with the configured endpoint.
    const both = withConfig(reference, { OPENAI_API_KEY: "sk-openai", DASHSCOPE_API_KEY: "sk-dash" })();
    expect(both.llm).toMatchObject({ apiKey: "sk-dash", model: "qwen-long" });
    // "none" (what a user types into a form that insists on a value) means no key.
    expect(withConfig(reference, { OPENAI_API_KEY: "none" })().llm).toBeUndefined();
  });

  it("reads prompt_file next to config.json, and says when it is missing instead of failing", () => {
    const dir = mkdtempSync(join(tmpdir(), "axf-prompt-"));
    writeFileSync(join(dir, "config.json"), referenceText);
    const env = { CONFIG_PATH: join(dir, "config.json"), DASHSCOPE_API_KEY: "sk-test" };
    expect(loadSettings(env)).toMatchObject({ promptFile: "missing", customPrompt: undefined });
    writeFileSync(join(dir, "ai_summary_prompt.txt"), "Summarise for a systems researcher.");
    expect(loadSettings(env)).toMatchObject({
      promptFile: "loaded",
      customPrompt: "Summarise for a systems researcher.",
    });
    // Without a key nothing is summarised, so the prompt is not read.
    expect(loadSettings({ CONFIG_PATH: env.CONFIG_PATH }).promptFile).toBe("none");
  });

  it("chooses the store from the environment, Vercel's KV_* names included", () => {
    expect(withConfig(reference)().store.driver).toBe("file");
    expect(
      withConfig(reference, { KV_REST_API_URL: "https://x.upstash.io", KV_REST_API_TOKEN: "t" })().store,
    ).toEqual({
      driver: "upstash",
      url: "https://x.upstash.io",
      token: "t",
    });
    expect(withConfig(reference, { REDIS_URL: "redis://127.0.0.1:6379" })().store.driver).toBe("redis");
    expect(messageOf(withConfig(reference, { STORE: "upstash" }))).toContain("UPSTASH_REDIS_REST_URL");
    // On Vercel the embedded file store cannot work: say what to connect instead.
    expect(messageOf(withConfig(reference, { VERCEL: "1" }))).toContain("connect Upstash Redis");
  });

  it("rejects bad environment values by name", () => {
    expect(messageOf(withConfig(reference, { PORT: "eighty" }))).toContain('environment: "PORT"');
    expect(messageOf(withConfig(reference, { ARXIV_BASE_URL: "not a url" }))).toContain('"ARXIV_BASE_URL"');
  });
});

describe("the repository a deployment names (User-Agent, OpenAPI)", () => {
  it("is the fork a Vercel deployment was built from, else the project's", () => {
    expect(
      deployedRepositoryUrl({
        VERCEL_GIT_PROVIDER: "github",
        VERCEL_GIT_REPO_OWNER: "ada",
        VERCEL_GIT_REPO_SLUG: "my-arxiv-feeds",
      }),
    ).toBe("https://github.com/ada/my-arxiv-feeds");
    expect(
      deployedRepositoryUrl({
        VERCEL_GIT_PROVIDER: "gitlab",
        VERCEL_GIT_REPO_OWNER: "a",
        VERCEL_GIT_REPO_SLUG: "b",
      }),
    ).toBe("https://gitlab.com/a/b");
    for (const env of [
      {},
      { VERCEL_GIT_PROVIDER: "svn", VERCEL_GIT_REPO_OWNER: "a", VERCEL_GIT_REPO_SLUG: "b" },
      { VERCEL_GIT_PROVIDER: "github", VERCEL_GIT_REPO_OWNER: "a/../b", VERCEL_GIT_REPO_SLUG: "c" },
      { VERCEL_GIT_PROVIDER: "github", VERCEL_GIT_REPO_OWNER: "a" },
    ])
      expect(deployedRepositoryUrl(env), JSON.stringify(env)).toBeUndefined();

    const fork = loadSettings({
      CONFIG_PATH: "config.json",
      VERCEL_GIT_PROVIDER: "github",
      VERCEL_GIT_REPO_OWNER: "ada",
      VERCEL_GIT_REPO_SLUG: "feeds",
    });
    expect(fork.userAgent).toBe("arxiv-feeds/0.1.0 (+https://github.com/ada/feeds)");
    expect(loadSettings({ CONFIG_PATH: "config.json" })).toMatchObject({
      repositoryUrl: REPOSITORY_URL,
      userAgent: USER_AGENT,
    });
  });
});
