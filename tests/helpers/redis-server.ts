/**
 * A real, throwaway `redis-server` for integration tests.
 *
 *   const redis = await startRedisServer();   // in beforeAll
 *   createRedisStore({ url: redis.url, keyPrefix: `t${randomUUID()}:` });
 *   await redis.stop();                       // in afterAll
 *
 * Each call starts its own server on a free loopback port, with no persistence (nothing is
 * written to disk). Safe with several vitest workers starting servers at once: a port taken
 * between choosing and binding is detected and another is tried, and readiness means that the
 * server answering on the port reports our child's pid. Servers still running when the
 * test process exits are killed.
 */

import { type ChildProcess, spawn } from "node:child_process";
import { connect, createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { outsideEnv } from "./outside-env.js";

/** A running redis-server. */
export interface RedisServer {
  port: number;
  /** `redis://127.0.0.1:<port>` */
  url: string;
  /** Stops the server (SIGTERM, then SIGKILL after 5 s) and waits for it to exit. Idempotent. */
  stop(): Promise<void>;
}

/** Options of startRedisServer. */
export interface StartRedisServerOptions {
  /** Path of the binary (default `/usr/bin/redis-server`, or `REDIS_SERVER_BIN`). */
  binary?: string;
  /** How long to wait for the server to answer, ms (default 10 000). */
  readyTimeoutMs?: number;
  /** A fixed port (e.g. to restart a stopped server where clients expect it); default: a free one. */
  port?: number;
}

const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** A port that was free a moment ago (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The pid of the redis-server answering on the port (from `INFO server`), or null. Checking the
 * pid, not just PONG, guards against finding another worker's server on a port reused meanwhile.
 */
function serverPid(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: "127.0.0.1" });
    let reply = "";
    const done = (pid: number | null) => {
      socket.destroy();
      resolve(pid);
    };
    socket.setTimeout(500, () => done(null));
    socket.once("error", () => done(null));
    socket.once("connect", () => socket.write("INFO server\r\n"));
    socket.on("data", (chunk) => {
      reply += chunk.toString("latin1");
      if (reply.startsWith("-")) done(null);
      const match = /process_id:(\d+)\r\n/.exec(reply);
      if (match) done(Number(match[1]));
    });
  });
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

async function startOnce(
  binary: string,
  readyTimeoutMs: number,
  fixedPort?: number,
): Promise<RedisServer | "port-taken"> {
  const port = fixedPort ?? (await freePort());
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
  const child = spawn(binary, [...args, "--protected-mode", "no", "--daemonize", "no"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: outsideEnv(),
  });
  running.add(child);
  let output = "";
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-4000);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  let spawnError: Error | undefined;
  child.once("error", (error) => {
    spawnError = error;
  });
  const exited = waitForExit(child).then(() => running.delete(child));

  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (spawnError) throw new Error(`cannot start ${binary}: ${spawnError.message}`);
    if (child.exitCode !== null || child.signalCode !== null) {
      if (/address already in use/i.test(output)) return "port-taken";
      throw new Error(`redis-server exited (${child.exitCode ?? child.signalCode}):\n${output}`);
    }
    if ((await serverPid(port)) === child.pid) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(
        `redis-server on port ${port} did not answer PING within ${readyTimeoutMs} ms:\n${output}`,
      );
    }
    await sleep(20);
  }

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const killer = setTimeout(() => child.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(killer);
      }
    })();
    return stopping;
  };
  return { port, url: `redis://127.0.0.1:${port}`, stop };
}

/** Starts a redis-server on a free loopback port and resolves once it answers (PING-equivalent `INFO`). */
export async function startRedisServer(options: StartRedisServerOptions = {}): Promise<RedisServer> {
  const binary = options.binary ?? process.env.REDIS_SERVER_BIN ?? "/usr/bin/redis-server";
  for (let attempt = 0; attempt < 10; attempt++) {
    const server = await startOnce(binary, options.readyTimeoutMs ?? 10_000, options.port);
    if (server !== "port-taken") return server;
    if (options.port !== undefined) throw new Error(`redis-server: port ${options.port} is in use`);
  }
  throw new Error("redis-server: no free port after 10 attempts");
}
