import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSettings } from "../../lib/config/settings.js";
import { runRefresh } from "../../lib/refresh/run-refresh.js";
import { createMemoryStore } from "../../lib/store/memory.js";
import { type ArxivServer, startArxivServer } from "../helpers/arxiv-server.js";

let arxiv: ArxivServer;
beforeAll(async () => {
  arxiv = await startArxivServer();
});
afterAll(() => arxiv?.stop());

const refreshAt = async (iso: string) => {
  const settings = loadSettings({
    ARXIV_BASE_URL: arxiv.url,
    ARXIV_MIN_INTERVAL_MS: "0",
    CONFIG_PATH: "config.json",
  });
  const lines: string[] = [];
  const outcome = await runRefresh({
    settings,
    store: createMemoryStore(),
    now: () => Date.parse(iso),
    log: (line) => lines.push(line),
  });
  return { outcome, lines };
};

describe("a refresh that runs before arXiv's rebuild", () => {
  it("publishes what arXiv has and says the day's announcement is not out yet", async () => {
    // The fixture day is Thursday 2026-01-29; on Friday morning arXiv should serve Friday's.
    const { outcome, lines } = await refreshAt("2026-01-30T06:40:00Z");
    expect(outcome.status).toBe("done");
    expect(lines.join("\n")).toContain("arXiv still serves the 2026-01-29 announcement, not 2026-01-30's");
  });

  it("stays quiet when arXiv serves the expected day", async () => {
    const { lines } = await refreshAt("2026-01-29T06:40:00Z");
    expect(lines.join("\n")).not.toContain("still serves");
  });
});
