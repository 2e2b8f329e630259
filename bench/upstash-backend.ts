import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type RedisServer, startRedisServer } from "../tests/helpers/redis-server.js";
import type { UpstashRestStats } from "../tests/helpers/upstash-rest-server.js";

/** A real redis-server with the loopback Upstash REST endpoint in front of it (in a child process). */
export interface UpstashBackend {
  /** REST URL and token, for UPSTASH_REDIS_REST_URL / _TOKEN. */
  url: string;
  token: string;
  /** The redis-server behind it, for direct reads (`redis://127.0.0.1:<port>`). */
  redisUrl: string;
  /** HTTP requests and Redis commands the endpoint has seen since the last reset. */
  stats(): Promise<UpstashRestStats>;
  resetStats(): Promise<void>;
  /** Stops the endpoint's process and the redis-server. */
  stop(): Promise<void>;
}

const CHILD = fileURLToPath(new URL("./upstash-child.ts", import.meta.url));

export async function startUpstashBackend(): Promise<UpstashBackend> {
  const redis: RedisServer = await startRedisServer();
  let child: ChildProcess;
  let ready: { url: string; token: string };
  try {
    child = fork(CHILD, [redis.url], {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    ready = await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error("upstash REST child did not start within 20 s")),
        20_000,
      );
      child.once("error", reject);
      child.once("exit", (code) => reject(new Error(`upstash REST child exited (${code})`)));
      child.on("message", (message: { type?: string; url: string; token: string }) => {
        if (message.type !== "ready") return;
        clearTimeout(timer);
        resolve(message);
      });
    });
  } catch (error) {
    await redis.stop();
    throw error;
  }

  let next = 0;
  const pending = new Map<number, (stats: UpstashRestStats | undefined) => void>();
  child.on("message", (message: { id?: number; stats?: UpstashRestStats }) => {
    if (message.id === undefined) return;
    pending.get(message.id)?.(message.stats);
    pending.delete(message.id);
  });
  const ask = (op: "stats" | "reset" | "stop") =>
    new Promise<UpstashRestStats | undefined>((resolve) => {
      const id = ++next;
      pending.set(id, resolve);
      child.send({ id, op });
    });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve();
    else child.once("exit", () => resolve());
  });

  let stopping: Promise<void> | undefined;
  return {
    url: ready.url,
    token: ready.token,
    redisUrl: redis.url,
    stats: async () => (await ask("stats")) as UpstashRestStats,
    resetStats: async () => void (await ask("reset")),
    stop() {
      stopping ??= (async () => {
        if (child.connected) {
          const killer = setTimeout(() => child.kill("SIGKILL"), 5000);
          await Promise.race([ask("stop"), exited]);
          await exited;
          clearTimeout(killer);
        }
        await redis.stop();
      })();
      return stopping;
    },
  };
}
