import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** A standalone benchmark script's own Markdown output, kept verbatim as a section of the report. */
export interface ScriptSection {
  title: string;
  /** The command that produced it, as a reader would run it. */
  command: string;
  markdown: string;
}

const ROOT = fileURLToPath(new URL("../", import.meta.url));

/**
 * Runs `npx tsx bench/<file> <args>` in a child process (each script measures its own children and
 * baselines, so it must not share this process's event loop), echoing its output as it comes, and
 * returns its standard output. Rejects when the script exits non-zero.
 */
export function runScript(file: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", `bench/${file}`, ...args], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      process.stdout.write(chunk);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(Buffer.concat(chunks).toString("utf8"));
      else reject(new Error(`bench/${file} exited with ${code}`));
    });
  });
}
