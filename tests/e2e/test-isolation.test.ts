import { afterAll, describe, expect, it } from "vitest";
import { type Service, startService } from "../helpers/service.js";

/** A developer's own LLM settings in the shell never reach a test service (no billed calls). */
let service: Service | undefined;
afterAll(() => service?.stop());

describe("startService", () => {
  it("clears the configured key variable and the LLM overrides from the environment", async () => {
    process.env.DASHSCOPE_API_KEY = "sk-developer-own-key";
    process.env.OPENAI_BASE_URL = "https://llm.example.org/v1";
    service = await startService();
    expect(process.env.DASHSCOPE_API_KEY).toBeUndefined();
    expect(process.env.OPENAI_BASE_URL).toBeUndefined();
    const health = (await (await service.get("/api/health")).json()) as { summaries: { enabled: boolean } };
    expect(health.summaries.enabled).toBe(false);
  });
});
