import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ArxivServer, startArxivServer } from "../helpers/arxiv-server.js";
import { FIXTURE_NOW_ISO } from "../helpers/fixtures.js";
import { startOpenAiServer } from "../helpers/openai-server.js";
import { freePort } from "../helpers/redis-server.js";

let arxiv: ArxivServer;
const dirs: string[] = [];
const children: ChildProcess[] = [];

beforeAll(async () => {
  arxiv = await startArxivServer();
});
afterAll(async () => {
  for (const child of children) stop(child);
  await arxiv?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const stop = (child: ChildProcess) => {
  try {
    if (child.pid) process.kill(-child.pid, "SIGKILL");
  } catch {
    // Already gone.
  }
};

/** Runs an npm script as a user would, collecting its output until `until` matches. */
function run(script: string, env: Record<string, string>, until: RegExp) {
  const child = spawn("npm", ["run", "--silent", script], {
    env: { ...process.env, ...env, NODE_ENV: "development" },
    stdio: ["ignore", "pipe", "pipe"],
    // Own process group, so npm, tsx and node are all stopped together.
    detached: true,
  });
  children.push(child);
  let output = "";
  const done = new Promise<string>((resolve, reject) => {
    // Inside the 30 s test timeout, so a stuck run fails with its output.
    const timer = setTimeout(() => reject(new Error(`timed out; output so far:\n${output}`)), 25_000);
    const check = (chunk: Buffer) => {
      output += chunk.toString();
      if (until.test(output)) {
        clearTimeout(timer);
        resolve(output);
      }
    };
    child.stdout?.on("data", check);
    child.stderr?.on("data", check);
    child.on("exit", () => {
      clearTimeout(timer);
      resolve(output);
    });
  });
  // Listened for from the start: the exit may come before `done` resolves.
  const exited = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
  return { child, done, exited };
}

/** The refresh's own "published …" line (not "… published what it has …" inside another). */
const PUBLISHED_LINE = /^\s*published .*\n/m;

const baseEnv = () => {
  const dir = mkdtempSync(join(tmpdir(), "axf-cli-"));
  dirs.push(dir);
  return {
    DATA_DIR: join(dir, "store"),
    ARXIV_BASE_URL: arxiv.url,
    ARXIV_MIN_INTERVAL_MS: "0",
    // Generous: a cold tsx child on a loaded machine reads the 2.9 MB fixture slowly.
    ARXIV_TIMEOUT_MS: "10000",
    ARXIV_MAX_RETRIES: "0",
    CONFIG_PATH: "config.json",
    STORE: "file",
    OPENAI_API_KEY: "",
    DASHSCOPE_API_KEY: "",
    // The fixtures' day, whatever the machine's date (a test below moves it on purpose).
    ARXIV_FEEDS_NOW: FIXTURE_NOW_ISO,
  };
};

describe("npm start", () => {
  it("serves on PORT, refreshes an empty store, logs what it did, then serves the feeds", async () => {
    arxiv.reset();
    const port = await freePort();
    const { child, done } = run("start", { ...baseEnv(), PORT: String(port) }, PUBLISHED_LINE);
    const output = await done;
    expect(output).toContain(`http://127.0.0.1:${port}/rss`);
    expect(output).not.toContain("arXiv still serves");
    expect(output).toContain("store is empty");
    expect(output).toMatch(/fetched cs\.AI\+cs\.CL\+cs\.DC\+cs\.LG: 1430 papers/);
    expect(output).toMatch(/cs\.LG: \d+ listed, \d+ kept/);
    const rss = await fetch(`http://127.0.0.1:${port}/rss/cs.LG`);
    expect(rss.status).toBe(200);
    expect(await rss.text()).toContain("<item>");
    stop(child);
  });

  it("on a later day than arXiv serves, says so, publishes what it has and serves it", async () => {
    arxiv.reset();
    const port = await freePort();
    // A Tuesday in the week US clocks change, long after the fixtures' announcement.
    const env = { ...baseEnv(), PORT: String(port), ARXIV_FEEDS_NOW: "2027-11-09T14:00:00Z" };
    const { child, done } = run("start", env, PUBLISHED_LINE);
    const output = await done;
    expect(output).toContain("arXiv still serves the 2026-01-29 announcement, not 2027-11-09's");
    expect(output).toMatch(/cs\.LG: \d+ listed, \d+ kept/);
    const rss = await fetch(`http://127.0.0.1:${port}/rss/cs.LG`);
    expect(await rss.text()).toContain("<item>");
    stop(child);
  });

  it("says so when arXiv cannot be reached, and still serves", async () => {
    arxiv.reset();
    arxiv.setMode("*", "500");
    const port = await freePort();
    const { child, done } = run("start", { ...baseEnv(), PORT: String(port) }, /serving what the store has/);
    const output = await done;
    expect(output).toContain("arXiv could not be reached");
    const response = await fetch(`http://127.0.0.1:${port}/rss`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("No refresh has run yet");
    stop(child);
    arxiv.reset();
  });

  it("exits with a message naming the file and key when config.json is broken", async () => {
    const dir = mkdtempSync(join(tmpdir(), "axf-cli-"));
    dirs.push(dir);
    const { writeFileSync } = await import("node:fs");
    writeFileSync(
      join(dir, "config.json"),
      JSON.stringify({ categories: ["cs.LG"], keywords: ["x"], max_paper: 3 }),
    );
    const { done } = run("start", { ...baseEnv(), CONFIG_PATH: join(dir, "config.json") }, /unknown key/);
    const output = await done;
    expect(output).toContain(`${join(dir, "config.json")}: unknown key "max_paper"`);
    expect(output).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe("npm run refresh", () => {
  it("refreshes once and prints a table per feed", async () => {
    arxiv.reset();
    const { done, exited } = run("refresh", baseEnv(), /done in/);
    const output = await done;
    expect(output).toMatch(/feed\s+arXiv\s+listed\s+kept\s+announced/);
    expect(output).toMatch(/cs\.DC\s+ok\s+\d+\s+\d+\s+2026-01-29/);
    expect(output).toContain("summaries: off (no API key set)");
    expect(await exited).toBe(0);
  });

  it("with an LLM, says how the summaries went: calls, cached, failed, pending, tokens", async () => {
    arxiv.reset();
    const llm = await startOpenAiServer();
    try {
      const env = {
        ...baseEnv(),
        DASHSCOPE_API_KEY: llm.apiKey,
        OPENAI_BASE_URL: llm.baseUrl,
        OPENAI_MODEL: "test-model",
      };
      const first = run("refresh", env, /done in/);
      expect(await first.done).toMatch(
        /summaries \(test-model\): 15 calls, 0 cached, 0 failed, 0 pending; 3000 tokens/,
      );
      expect(await first.exited).toBe(0);
      // The same store again: every summary is stored, none is asked for.
      const second = run("refresh", { ...env, DATA_DIR: env.DATA_DIR }, /done in/);
      expect(await second.done).toMatch(/summaries \(test-model\): 0 calls, 15 cached/);
      expect(llm.calls()).toBe(15);
    } finally {
      await llm.stop();
    }
  }, 60_000);
});
