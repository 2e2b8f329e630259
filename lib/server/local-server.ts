import { readdirSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join, resolve, sep } from "node:path";
import { type Duplex, Readable } from "node:stream";
import { pathToFileURL } from "node:url";
import { bytesOf, writesBodiesItself } from "../http/bytes-response.js";
import { errorResponse } from "../http/error-response.js";
import { badRequest, notFound } from "../http/http-error.js";
import { acceptedMethods, methodNotAllowed, ROUTE_METHODS } from "../http/route.js";
import { loadHeaderRules, memoisedHeaderRules } from "./headers.js";
import { incomingUrl } from "./incoming-url.js";
import { loadRewrites, memoisedRewrites } from "./rewrites.js";
import { serveStatic } from "./static-files.js";

/** An `api/` module: Web-standard handlers by HTTP method, as Vercel runs them. */
type ApiModule = Partial<Record<string, (request: Request) => Response | Promise<Response>>>;

export interface LocalServerOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** Project root holding api/, public/ and vercel.json (default: the working directory). */
  root?: string;
}

export interface LocalServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * What the links in a response may be built from (see `publicOrigin`): a shared cache in front
 * must key on them, so no client's Host or forwarded headers reach another client's feed.
 */
const VARY = ["host", "x-forwarded-host", "x-forwarded-proto"];

const isRouteMethod = (method: string): method is (typeof ROUTE_METHODS)[number] =>
  (ROUTE_METHODS as readonly string[]).includes(method);

/**
 * The Web Request of an incoming message for `url`; only for route methods (fetch refuses TRACE,
 * CONNECT). Marked so a memoised body is written by `send`, not streamed (`writesBodiesItself`).
 */
function toRequest(req: IncomingMessage, url: URL): Request {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers))
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  // The client's address for per-client limits (lib/http/personal-limit.ts), never the client's word.
  headers["x-real-ip"] = req.socket.remoteAddress ?? "";
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  let request: Request;
  try {
    request = new Request(url, {
      method: req.method,
      headers,
      body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
      // Node's fetch requires this for streamed request bodies.
      ...(hasBody ? { duplex: "half" } : {}),
    } as RequestInit);
  } catch {
    throw badRequest("a request header is not valid HTTP");
  }
  writesBodiesItself(request);
  return request;
}

/** `vary` with {@link VARY} added. */
function varyOn(vary: string | undefined): string {
  const key = vary ?? "";
  let value = varies.get(key);
  if (value === undefined) {
    const names = key.split(",").map((n) => n.trim().toLowerCase());
    value = [...new Set([...names.filter(Boolean), ...VARY])].join(", ");
    if (varies.size >= 64) varies.clear();
    varies.set(key, value);
  }
  return value;
}

/** Vary values by the response's own: there are a handful. */
const varies = new Map<string, string>();

/**
 * Writes `response` with its final headers. A body of memoised bytes (`bytesOf`) goes to the
 * socket as it is, with its length; any other body is read first.
 */
async function send(res: ServerResponse, response: Response, head: boolean): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  headers.vary = varyOn(headers.vary as string | undefined);
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers["set-cookie"] = cookies;
  const bytes = bytesOf(response);
  if (bytes) {
    headers["content-length"] = String(bytes.byteLength);
    res.writeHead(response.status, headers);
    res.end(head ? undefined : bytes);
    return;
  }
  res.writeHead(response.status, headers);
  if (head || !response.body) {
    res.end();
    return;
  }
  res.end(Buffer.from(await response.arrayBuffer()));
}

/**
 * The `api/` functions under `root` by name (`feed`, `cron/refresh`): listed once, as a
 * deployment builds them once, so no request checks the file system.
 */
function listApi(root: string): Set<string> {
  try {
    const files = readdirSync(join(root, "api"), { recursive: true, encoding: "utf8" });
    return new Set(files.filter((f) => f.endsWith(".ts")).map((f) => f.slice(0, -3).split(sep).join("/")));
  } catch {
    return new Set();
  }
}

/**
 * The local development server: routes like Vercel (static `public/`, `api/` functions,
 * `vercel.json` rewrites) and calls the same handler functions Vercel calls.
 */
export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  const root = resolve(options.root ?? ".");
  const rewrite = memoisedRewrites(loadRewrites(join(root, "vercel.json")));
  const withHeaderRules = memoisedHeaderRules(loadHeaderRules(join(root, "vercel.json")));
  const apiNames = listApi(root);
  const modules = new Map<string, Promise<ApiModule>>();

  const loadApi = (pathname: string): Promise<ApiModule> | undefined => {
    const name = pathname.replace(/^\/api\//, "").replace(/\/+$/, "");
    if (!/^[a-z0-9][a-z0-9/_-]*$/i.test(name) || name.split("/").some((part) => part.startsWith("_")))
      return undefined;
    if (!apiNames.has(name)) return undefined;
    let loaded = modules.get(name);
    if (!loaded) {
      loaded = import(pathToFileURL(join(root, "api", `${name}.ts`)).href) as Promise<ApiModule>;
      modules.set(name, loaded);
    }
    return loaded;
  };

  /** The `api/` module a URL reaches, directly or through a rewrite, and the URL it gets. */
  const findApi = async (url: URL): Promise<{ module: ApiModule; target: URL } | undefined> => {
    const direct = url.pathname.startsWith("/api/") ? loadApi(url.pathname) : undefined;
    const target = direct ? url : rewrite(url);
    const api = direct ?? (target?.pathname.startsWith("/api/") ? loadApi(target.pathname) : undefined);
    return api && target ? { module: await api, target } : undefined;
  };

  const dispatch = async (req: IncomingMessage, url: URL): Promise<Response> => {
    const method = req.method ?? "GET";
    const api = await findApi(url);
    if (api) {
      // No HEAD-from-GET fallback: a module without HEAD (the cron) must not run its GET for it.
      const handler = isRouteMethod(method) ? api.module[method] : undefined;
      if (!handler) return methodNotAllowed({ method }, acceptedMethods(api.module));
      return handler(toRequest(req, api.target));
    }
    const file = await serveStatic(join(root, "public"), url.pathname);
    if (!file)
      return errorResponse(notFound(`nothing at ${url.pathname}; the landing page at / lists every feed`));
    return method === "GET" || method === "HEAD" ? file : methodNotAllowed({ method }, ["GET", "HEAD"]);
  };

  /** Every failure, a malformed request's included, becomes a response: nothing here may throw. */
  const answer = async (req: IncomingMessage): Promise<{ response: Response; pathname: string }> => {
    let pathname = "/";
    try {
      const url = incomingUrl(req.url ?? "/", req.headers.host);
      pathname = url.pathname;
      return { response: await dispatch(req, url), pathname };
    } catch (error) {
      return { response: errorResponse(error), pathname };
    }
  };

  const server = createServer((req, res) => {
    answer(req)
      .then(({ response, pathname }) => send(res, withHeaderRules(response, pathname), req.method === "HEAD"))
      .catch(() => res.destroy());
  });
  // CONNECT never reaches the request handler; without this Node would drop the socket unanswered.
  server.on("connect", (_req: IncomingMessage, socket: Duplex) => {
    socket.end(
      "HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
    );
  });
  await new Promise<void>((done) => server.listen(options.port, options.host ?? "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host && options.host !== "0.0.0.0" ? options.host : "127.0.0.1"}:${port}`,
    server,
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
