/**
 * An in-process stand-in for Upstash's REST API, in front of a real redis-server, so the real
 * `@upstash/redis` SDK can be tested on loopback:
 *
 *   const redis = await startRedisServer();
 *   const rest = await startUpstashRestServer({ redisUrl: redis.url });
 *   new Redis({ url: rest.url, token: rest.token });   // or createUpstashStore({ url, token })
 *   await rest.stop(); await redis.stop();
 *
 * The protocol, as @upstash/redis 1.x speaks it (see node_modules/@upstash/redis, HttpClient):
 * - `POST /` with a JSON command array (`["set","k","v","px",1000]`) → `{ result }`, or
 *   `{ error }` with status 400; `POST /pipeline` and `POST /multi-exec` with an array of command
 *   arrays → an array of `{ result } | { error }` (multi-exec runs them in MULTI/EXEC).
 * - `Authorization: Bearer <token>`, else 401 `{ error }`. Every answer carries a fresh
 *   `upstash-sync-token` header, which the SDK sends back on its next request (read-your-writes).
 * - Strings in a result are the value's bytes as Redis holds them. With `Upstash-Encoding: base64`
 *   (exactly that value; the SDK's default) each is base64 of those raw bytes, except a status
 *   reply `OK`; without it, they are decoded as UTF-8 and a byte that is not valid UTF-8 becomes
 *   U+FFFD, as Upstash documents ("Base64 Encoded Responses" in its REST API docs). Numbers,
 *   null and `{ error }` texts are never encoded.
 * Fault modes for tests: "down" drops every connection, "slow" answers after `delayMs`,
 * "error" answers 500 `{ error }`. `stats()` counts HTTP requests, commands and body bytes.
 */
import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { createClient, MultiErrorReply, RESP_TYPES } from "redis";
import { afterAll, beforeAll } from "vitest";
import type { Store } from "../../lib/store/types.js";
import { createUpstashStore } from "../../lib/store/upstash.js";
import { randomPrefix } from "../store/contract.js";
import { type RedisServer, startRedisServer } from "./redis-server.js";

export type UpstashRestMode = "ok" | "down" | "slow" | "error";

/** What the server has seen since it started or since `resetStats()`. */
export interface UpstashRestStats {
  /** HTTP requests received (whatever the mode). */
  requests: number;
  /** Redis commands executed (a pipeline or transaction of n commands counts n). */
  commands: number;
  /** Requests per path: `/`, `/pipeline`, `/multi-exec`. */
  byPath: Record<string, number>;
  /** Names of the executed commands, upper-case, in order. */
  commandNames: string[];
  /** Requests that asked for base64 results (`Upstash-Encoding: base64`). */
  base64Requests: number;
  /** The `upstash-sync-token` header of each request, in order ("" when absent). */
  syncTokensReceived: string[];
  /** Bytes of request bodies and of response bodies. */
  bytesReceived: number;
  /** The largest request body received, bytes (Upstash limits a request's size). */
  largestRequest: number;
  bytesSent: number;
}

export interface UpstashRestServer {
  /** `http://127.0.0.1:<port>`: give it to the SDK as `url`. */
  url: string;
  token: string;
  stats(): UpstashRestStats;
  resetStats(): void;
  /**
   * Switches the fault mode; "slow" waits `delayMs` (default 5000) before answering. With
   * `onlyPath` (e.g. "/multi-exec") the fault hits only that endpoint, so a test can fail the
   * publish of a refresh after its reads went through. With `times`, only that many requests
   * get the fault; later ones are answered normally.
   */
  setMode(mode: UpstashRestMode, options?: { delayMs?: number; onlyPath?: string; times?: number }): void;
  /**
   * Upstash's limit on one request, its response included (10 MB on the free plan): past it the
   * answer is `ERR max request size exceeded`, as Upstash words it. Undefined: no limit.
   */
  setMaxRequestBytes(bytes: number | undefined): void;
  /** Closes the HTTP server and its redis connection (the redis-server keeps running). */
  stop(): Promise<void>;
}

type Reply = { result: unknown } | { error: string };

const emptyStats = (): UpstashRestStats => ({
  requests: 0,
  commands: 0,
  byPath: {},
  commandNames: [],
  base64Requests: 0,
  syncTokensReceived: [],
  bytesReceived: 0,
  largestRequest: 0,
  bytesSent: 0,
});

/**
 * A reply as Upstash puts it in JSON: bulk strings arrive as raw bytes (Buffers), status replies
 * (`OK`, `QUEUED`) as strings.
 */
function encode(value: unknown, base64: boolean): unknown {
  if (Buffer.isBuffer(value)) return value.toString(base64 ? "base64" : "utf8");
  if (typeof value === "string")
    return !base64 || value === "OK" ? value : Buffer.from(value, "utf8").toString("base64");
  if (Array.isArray(value)) return value.map((item) => encode(item, base64));
  return value;
}

function toArgs(command: unknown): string[] {
  if (!Array.isArray(command) || command.length === 0)
    throw new Error("ERR a command is a non-empty JSON array");
  return command.map((part) => (typeof part === "string" ? part : JSON.stringify(part)));
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Starts the REST server on a free loopback port, forwarding to the redis-server at `redisUrl`. */
export async function startUpstashRestServer(options: {
  redisUrl: string;
  token?: string;
}): Promise<UpstashRestServer> {
  const token = options.token ?? `test-token-${randomBytes(12).toString("hex")}`;
  // Bulk strings as Buffers: the raw bytes, so a value that is not UTF-8 reaches `encode` intact.
  const redis = createClient({
    url: options.redisUrl,
    RESP: 2,
    commandOptions: { typeMapping: { [RESP_TYPES.BLOB_STRING]: Buffer } },
  });
  redis.on("error", () => {});
  await redis.connect();

  let stats = emptyStats();
  let currentMode: UpstashRestMode = "ok";
  let onlyPath: string | undefined;
  let faultsLeft = Number.POSITIVE_INFINITY;
  let syncToken = 0;
  let delayMs = 5000;
  let maxRequestBytes: number | undefined;
  const stopping = new AbortController();

  const count = (args: readonly string[]) => {
    stats.commands++;
    stats.commandNames.push((args[0] ?? "").toUpperCase());
  };
  /**
   * Upstash accepts the script flag `allow-key-locking` (@upstash/ratelimit's scripts declare it);
   * redis-server 7.0 refuses it. Drop it, and send EVALSHA the hash of the script as run.
   */
  const runHashes = new Map<string, string>();
  const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");
  const asRedis7 = (args: string[]): string[] => {
    const name = (args[0] ?? "").toUpperCase();
    const at = name === "EVAL" ? 1 : name === "SCRIPT" && args[1]?.toUpperCase() === "LOAD" ? 2 : -1;
    const script = args[at];
    if (script !== undefined && /^#!lua flags=allow-key-locking\n/.test(script)) {
      const run = script.replace(/^#!lua flags=allow-key-locking\n/, "");
      runHashes.set(sha1(script), sha1(run));
      return args.map((arg, i) => (i === at ? run : arg));
    }
    const hash = name === "EVALSHA" ? runHashes.get(args[1] ?? "") : undefined;
    return hash ? [args[0] ?? "", hash, ...args.slice(2)] : args;
  };
  const errorOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
  const asReply = (value: unknown, base64: boolean): Reply =>
    value instanceof Error ? { error: value.message } : { result: encode(value, base64) };

  const one = async (command: unknown, base64: boolean): Promise<Reply> => {
    try {
      const args = asRedis7(toArgs(command));
      count(args);
      return asReply(await redis.sendCommand(args), base64);
    } catch (error) {
      return { error: errorOf(error) };
    }
  };

  const transaction = async (commands: unknown[], base64: boolean): Promise<Reply[] | Reply> => {
    const tx = redis.multi();
    try {
      for (const command of commands) {
        const args = toArgs(command);
        count(args);
        tx.addCommand(args);
      }
      const replies = (await tx.exec()) as unknown[];
      return replies.map((reply) => asReply(reply, base64));
    } catch (error) {
      if (error instanceof MultiErrorReply)
        return (error.replies as unknown[]).map((r) => asReply(r, base64));
      return { error: errorOf(error) };
    }
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? "/", "http://x").pathname;
    stats.requests++;
    stats.byPath[path] = (stats.byPath[path] ?? 0) + 1;
    const sent = request.headers["upstash-sync-token"];
    stats.syncTokensReceived.push(typeof sent === "string" ? sent : "");
    const hit = currentMode !== "ok" && (onlyPath === undefined || onlyPath === path) && faultsLeft > 0;
    if (hit) faultsLeft--;
    const mode = hit ? currentMode : "ok";
    if (mode === "down") {
      request.socket.destroy();
      return;
    }
    const body = await readBody(request);
    stats.bytesReceived += body.length;
    stats.largestRequest = Math.max(stats.largestRequest, body.length);
    const send = (status: number, payload: unknown) => {
      let text = JSON.stringify(payload);
      if (maxRequestBytes !== undefined && (body.length > maxRequestBytes || text.length > maxRequestBytes)) {
        status = 400;
        text = JSON.stringify({ error: "ERR max request size exceeded" });
      }
      stats.bytesSent += Buffer.byteLength(text);
      if (response.destroyed) return;
      // As Upstash does: every answer carries a fresh token for read-your-writes.
      const headers = { "content-type": "application/json", "upstash-sync-token": `sync-${++syncToken}` };
      response.writeHead(status, headers).end(text);
    };
    if (mode === "slow") await sleep(delayMs, undefined, { signal: stopping.signal }).catch(() => {});
    if (request.headers.authorization !== `Bearer ${token}`) return send(401, { error: "Unauthorized" });
    if (mode === "error") return send(500, { error: "ERR simulated store failure" });
    if (request.method !== "POST") return send(405, { error: "POST only" });
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString("utf8"));
    } catch {
      return send(400, { error: "ERR body is not JSON" });
    }
    const base64 = request.headers["upstash-encoding"] === "base64";
    if (base64) stats.base64Requests++;
    if (path === "/") {
      const reply = await one(parsed, base64);
      return send("error" in reply ? 400 : 200, reply);
    }
    if (!Array.isArray(parsed)) return send(400, { error: "ERR expected an array of commands" });
    if (path === "/pipeline") return send(200, await Promise.all(parsed.map((c) => one(c, base64))));
    if (path === "/multi-exec") {
      const replies = await transaction(parsed, base64);
      return send(Array.isArray(replies) ? 200 : 400, replies);
    }
    return send(404, { error: `no such endpoint: ${path}` });
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500).end(JSON.stringify({ error: errorOf(error) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    stats: () => structuredClone(stats),
    resetStats: () => {
      stats = emptyStats();
    },
    setMode: (next, modeOptions) => {
      currentMode = next;
      delayMs = modeOptions?.delayMs ?? 5000;
      onlyPath = modeOptions?.onlyPath;
      faultsLeft = modeOptions?.times ?? Number.POSITIVE_INFINITY;
    },
    setMaxRequestBytes: (bytes) => {
      maxRequestBytes = bytes;
    },
    stop: async () => {
      stopping.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await redis.close().catch(() => redis.destroy());
    },
  };
}

/**
 * A real redis-server with the REST endpoint in front, started before the tests of the file (or
 * describe block) that calls this and stopped after them. Its fields are set once they start.
 */
export function upstashOverRedis(): { readonly redis: RedisServer; readonly rest: UpstashRestServer } {
  const live = {} as { redis: RedisServer; rest: UpstashRestServer };
  beforeAll(async () => {
    live.redis = await startRedisServer();
    live.rest = await startUpstashRestServer({ redisUrl: live.redis.url });
  });
  afterAll(async () => {
    await live.rest?.stop();
    await live.redis?.stop();
  });
  return live;
}

/** The service's environment for the Upstash REST server `rest`, under the names Vercel's integration injects. */
export const upstashServiceEnv = (rest: UpstashRestServer) => ({
  STORE: undefined,
  KV_REST_API_URL: rest.url,
  KV_REST_API_TOKEN: rest.token,
});

/** A fresh Upstash-driver store on `upstash` under a new random prefix, with the endpoint's counters reset. */
export function openUpstashStore(upstash: { readonly rest: UpstashRestServer }): {
  store: Store;
  prefix: string;
} {
  const prefix = randomPrefix();
  const store = createUpstashStore({ url: upstash.rest.url, token: upstash.rest.token, keyPrefix: prefix });
  upstash.rest.resetStats();
  return { store, prefix };
}
