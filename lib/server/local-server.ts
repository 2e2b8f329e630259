import { existsSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { Readable } from "node:stream";
import { pathToFileURL } from "node:url";
import { errorResponse } from "../http/error-response.js";
import { notFound } from "../http/http-error.js";
import { methodNotAllowed } from "../http/route.js";
import { applyHeaderRules, loadHeaderRules } from "./headers.js";
import { applyRewrites, loadRewrites } from "./rewrites.js";
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

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

function toRequest(req: IncomingMessage, url: URL): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(url, {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
    // Node's fetch requires this for streamed request bodies.
    ...(hasBody ? { duplex: "half" } : {}),
  } as RequestInit);
}

async function send(res: ServerResponse, response: Response, head: boolean): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers["set-cookie"] = cookies;
  res.writeHead(response.status, headers);
  if (head || !response.body) {
    res.end();
    return;
  }
  res.end(Buffer.from(await response.arrayBuffer()));
}

/**
 * The local development server: routes like Vercel (static `public/`, `api/` functions,
 * `vercel.json` rewrites) and calls the same handler functions Vercel calls.
 */
export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  const root = resolve(options.root ?? ".");
  const rewrites = loadRewrites(join(root, "vercel.json"));
  const headerRules = loadHeaderRules(join(root, "vercel.json"));
  const modules = new Map<string, Promise<ApiModule>>();

  const loadApi = (pathname: string): Promise<ApiModule> | undefined => {
    const name = pathname.replace(/^\/api\//, "").replace(/\/+$/, "");
    if (!/^[a-z0-9][a-z0-9/_-]*$/i.test(name) || name.split("/").some((part) => part.startsWith("_")))
      return undefined;
    const file = join(root, "api", `${name}.ts`);
    if (!existsSync(file)) return undefined;
    let loaded = modules.get(file);
    if (!loaded) {
      loaded = import(pathToFileURL(file).href) as Promise<ApiModule>;
      modules.set(file, loaded);
    }
    return loaded;
  };

  const dispatch = async (request: Request, url: URL): Promise<Response> => {
    const direct = url.pathname.startsWith("/api/") ? loadApi(url.pathname) : undefined;
    const target = direct ? url : applyRewrites(url, rewrites);
    const api = direct ?? (target?.pathname.startsWith("/api/") ? loadApi(target.pathname) : undefined);
    if (api && target) {
      const module = await api;
      // No HEAD-from-GET fallback: a module without HEAD (the cron) must not run its GET for it.
      const handler = module[request.method];
      if (!handler) {
        return methodNotAllowed(
          request,
          METHODS.filter((m) => module[m]),
        );
      }
      return handler(new Request(target, request));
    }
    if (request.method === "GET" || request.method === "HEAD") {
      const file = await serveStatic(join(root, "public"), url.pathname);
      if (file) return file;
    }
    return errorResponse(notFound(`nothing at ${url.pathname}; the landing page at / lists every feed`));
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
    dispatch(toRequest(req, url), url)
      .catch((error: unknown) => errorResponse(error))
      .then((response) =>
        send(res, applyHeaderRules(response, url.pathname, headerRules), req.method === "HEAD"),
      )
      .catch(() => res.destroy());
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
