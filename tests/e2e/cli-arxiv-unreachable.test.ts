/*
 * `npm start` with arXiv unreachable (nothing listens on ARXIV_BASE_URL's port): the CLI names
 * the host it tried and what to check, and keeps serving.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { FIXTURE_NOW_ISO } from "../helpers/fixtures.js";
import { freePort } from "../helpers/redis-server.js";

const dir = mkdtempSync(join(tmpdir(), "axf-cli-offline-"));
let pid: number | undefined;
afterAll(() => {
  try {
    if (pid) process.kill(-pid, "SIGKILL");
  } catch {
    // Already gone.
  }
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `npm start` until `until` matches its output (or it exits), in its own process group. */
function start(env: Record<string, string>, until: RegExp): Promise<string> {
  const child = spawn("npm", ["run", "--silent", "start"], {
    env: { ...process.env, ...env, NODE_ENV: "development" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  pid = child.pid;
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out; output so far:\n${output}`)), 25_000);
    const check = (chunk: Buffer) => {
      output += chunk.toString();
      if (!until.test(output)) return;
      clearTimeout(timer);
      resolve(output);
    };
    child.stdout.on("data", check);
    child.stderr.on("data", check);
    child.on("exit", () => {
      clearTimeout(timer);
      resolve(output);
    });
  });
}

it("names arXiv's host and suggests checking the network or ARXIV_BASE_URL", async () => {
  const [port, closed] = await Promise.all([freePort(), freePort()]);
  const output = await start(
    {
      PORT: String(port),
      DATA_DIR: join(dir, "store"),
      STORE: "file",
      CONFIG_PATH: "config.json",
      ARXIV_BASE_URL: `http://user:pw-9c1e@127.0.0.1:${closed}`,
      ARXIV_MIN_INTERVAL_MS: "0",
      ARXIV_MAX_RETRIES: "0",
      OPENAI_API_KEY: "",
      DASHSCOPE_API_KEY: "",
      ARXIV_FEEDS_NOW: FIXTURE_NOW_ISO,
    },
    /serving what the store has.*\n/,
  );
  const line = output.split("\n").find((l) => l.includes("serving what the store has")) ?? "";
  expect(line).toContain(`arXiv could not be reached at 127.0.0.1:${closed}`);
  expect(line).toMatch(/check the network connection, or ARXIV_BASE_URL/);
  expect(line).not.toContain("pw-9c1e");
  const response = await fetch(`http://127.0.0.1:${port}/api/health`);
  expect(response.status).toBe(200);
}, 30_000);
