import { afterAll, describe, expect, it } from "vitest";
import { ConfigSchema } from "../../lib/config/schema.js";
import { startArxivServer } from "../helpers/arxiv-server.js";
import { repositoryConfig, settingsFor, tempDir } from "./support.js";

/*
 * The embeddings key: from `embeddings.api_key_env` (EMBEDDINGS_API_KEY by default), else the
 * summaries' key only when the endpoint is on the summaries' own origin, so a key never goes to
 * a host it does not belong to. No block, or no key: off.
 */
const temp = tempDir();
const arxiv = await startArxivServer();
afterAll(async () => {
  await arxiv.stop();
  temp.cleanup();
});

const OPENAI = "https://api.openai.com/v1";
const settings = (embeddings: Record<string, unknown> | undefined, env: Record<string, string>) =>
  settingsFor(temp.dir, arxiv, { ...repositoryConfig(), ...(embeddings && { embeddings }) }, env);

describe("embeddings settings", () => {
  it("are off without the block, whatever keys are set", () => {
    expect(
      settings(undefined, { EMBEDDINGS_API_KEY: "sk-emb-1234567", OPENAI_API_KEY: "sk-llm-1234567" })
        .embeddings,
    ).toBeUndefined();
  });

  it("take the key from EMBEDDINGS_API_KEY, or the variable api_key_env names", () => {
    const block = { base_url: "https://embed.example/v1", model: "m" };
    expect(settings(block, { EMBEDDINGS_API_KEY: "sk-emb-1234567" }).embeddings).toEqual({
      apiKey: "sk-emb-1234567",
      baseUrl: "https://embed.example/v1",
      model: "m",
      dimensions: 256,
    });
    expect(
      settings({ ...block, api_key_env: "MY_EMBED_KEY" }, { MY_EMBED_KEY: "sk-mine-123456" }).embeddings
        ?.apiKey,
    ).toBe("sk-mine-123456");
    expect(settings(block, { EMBEDDINGS_API_KEY: "none" }).embeddings).toBeUndefined();
  });

  it("fall back to the summaries' key only on the summaries' own origin", () => {
    const llmKey = { OPENAI_API_KEY: "sk-llm-1234567" };
    expect(settings({ base_url: OPENAI, model: "text-embedding-3-small" }, llmKey).embeddings?.apiKey).toBe(
      "sk-llm-1234567",
    );
    expect(settings({ base_url: "https://other.example/v1", model: "m" }, llmKey).embeddings).toBeUndefined();
  });

  it("bound dimensions and batches, and refuse unknown keys", () => {
    const parse = (embeddings: Record<string, unknown>) =>
      ConfigSchema.safeParse({ ...repositoryConfig(), embeddings }).success;
    const base = { base_url: OPENAI, model: "m" };
    expect(parse(base)).toBe(true);
    expect(parse({ ...base, dimensions: 513 })).toBe(false);
    expect(parse({ ...base, batch_size: 0 })).toBe(false);
    expect(parse({ ...base, apikey: "x" })).toBe(false);
    expect(parse({ model: "m" })).toBe(false);
  });
});
