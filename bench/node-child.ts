import { spawn } from "node:child_process";

/** Runs node with `args` and `env` (added to this process's) to completion: its stdout and stderr, or a rejection carrying them. */
export function runNode(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env } });
    let output = "";
    const collect = (chunk: Buffer) => {
      output += chunk;
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.once("close", (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${args.join(" ")} exited (${code}):\n${output}`)),
    );
  });
}
