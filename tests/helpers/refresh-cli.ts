import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FIXTURE_NOW_ISO } from "./fixtures.js";

/** A running `npm run refresh`, as a user starts it. */
export interface RefreshCli {
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Its exit status (128 + n when npm reports death by signal n), once it has exited. */
  exited: Promise<number>;
  /** Sends `signal` to its whole process group (npm, sh, tsx, node), as a terminal's Ctrl-C does. */
  kill(signal: NodeJS.Signals): void;
}

/** Environment of a refresh against the loopback arXiv at `arxivUrl`, in a fresh file store. */
export function refreshEnv(arxivUrl: string): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), "axf-refresh-cli-"));
  return {
    STORE: "file",
    DATA_DIR: join(dir, "store"),
    ARXIV_BASE_URL: arxivUrl,
    ARXIV_MIN_INTERVAL_MS: "0",
    ARXIV_TIMEOUT_MS: "60000",
    ARXIV_MAX_RETRIES: "0",
    CONFIG_PATH: "config.json",
    OPENAI_API_KEY: "",
    DASHSCOPE_API_KEY: "",
    ARXIV_FEEDS_NOW: FIXTURE_NOW_ISO,
    NODE_ENV: "development",
  };
}

/** Starts `npm run --silent <script>` (default `refresh`) with `env` added to this process's environment. */
export function startRefreshCli(env: Record<string, string>, script = "refresh"): RefreshCli {
  const child = spawn("npm", ["run", "--silent", script], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so a signal reaches npm, tsx and node together.
    detached: true,
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number>((resolve) => child.once("close", (code) => resolve(code ?? 128)));
  const kill = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  return { child, output: () => output, exited, kill };
}

/** Resolves once `check()` is true, polling every 50 ms; rejects after `timeoutMs`. */
export async function waitUntil(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
