import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ServerMessage } from "./store-cpu-server.js";

const CHILD = fileURLToPath(new URL("./store-cpu-server.ts", import.meta.url));

/** The service in a process of its own (bench/store-cpu-server.ts), refreshed and listening. */
export interface ServerProcess {
  url: string;
  /** process.cpuUsage() of the server process, µs. */
  cpu(): Promise<NodeJS.CpuUsage>;
  stop(): Promise<void>;
}

/** Waits for the child's `ready` (its refresh done, its server listening); rejects on failure. */
function ready(child: ChildProcess, label: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label} server did not start within 120 s`)), 120_000);
    child.once("exit", (code) => reject(new Error(`${label} server exited (${code})`)));
    child.on("message", (message: ServerMessage) => {
      if (!("type" in message)) return;
      clearTimeout(timer);
      if (message.type === "ready") resolve(message.url);
      else reject(new Error(`${label} refresh did not run: ${message.reason}`));
    });
  });
}

/**
 * Forks the server with `env` (the service's environment) and extra Node options, and waits
 * until it is ready. `label` names it in errors.
 */
export async function startServerProcess(
  label: string,
  env: NodeJS.ProcessEnv,
  execArgv: readonly string[] = [],
): Promise<ServerProcess> {
  const child = fork(CHILD, [], {
    env,
    execArgv: ["--import", "tsx", ...execArgv],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<void>((done) =>
    child.exitCode !== null ? done() : child.once("exit", () => done()),
  );
  try {
    const url = await ready(child, label);
    let stopping = false;
    child.once("exit", (code, signal) => {
      if (!stopping) console.error(`${label} server exited while measured (${code ?? signal})`);
    });
    let next = 0;
    const ask = (op: "cpu" | "stop") =>
      new Promise<NodeJS.CpuUsage | undefined>((answer) => {
        const id = ++next;
        const listen = (message: ServerMessage) => {
          if (!("id" in message) || message.id !== id) return;
          child.off("message", listen);
          answer(message.cpu);
        };
        child.on("message", listen);
        child.send({ id, op });
      });
    return {
      url,
      cpu: async () => (await ask("cpu")) as NodeJS.CpuUsage,
      stop: async () => {
        stopping = true;
        if (child.connected) await Promise.race([ask("stop"), exited]);
        await exited;
      },
    };
  } catch (error) {
    child.kill();
    throw error;
  }
}
