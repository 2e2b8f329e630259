/**
 * `npm run refresh` with an LLM key: the summariser, which the refresh imports only when a paper
 * needs a summary (issue 13, item 6), loads from its own chunk of the bundle and summarises.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ArxivServer, startArxivServer } from "../helpers/arxiv-server.js";
import { type OpenAiServer, startOpenAiServer } from "../helpers/openai-server.js";
import { refreshEnv, startRefreshCli } from "../helpers/refresh-cli.js";

const { max_papers_to_summarize: budget } = (
  JSON.parse(readFileSync("config.json", "utf8")) as { ai_summary: { max_papers_to_summarize: number } }
).ai_summary;

let arxiv: ArxivServer;
let llm: OpenAiServer;

beforeAll(async () => {
  [arxiv, llm] = await Promise.all([startArxivServer(), startOpenAiServer()]);
});
afterAll(async () => {
  await Promise.all([arxiv?.stop(), llm?.stop()]);
});

describe("npm run refresh, summaries on", () => {
  it("loads the summariser on demand and summarises config.json's max_papers_to_summarize papers", async () => {
    const env = {
      ...refreshEnv(arxiv.url),
      DASHSCOPE_API_KEY: llm.apiKey,
      OPENAI_BASE_URL: llm.baseUrl,
      OPENAI_MODEL: "cli-model",
    };
    const cli = startRefreshCli(env);
    const code = await cli.exited;
    expect(code, cli.output()).toBe(0);
    expect(budget).toBeGreaterThan(0);
    expect(llm.requests()).toHaveLength(budget);
    expect(cli.output()).toContain(`summaries (cli-model): ${budget} calls, 0 cached, 0 failed`);
  }, 90_000);
});
