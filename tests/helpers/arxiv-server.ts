import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type ArxivApiControl, createArxivApi } from "./arxiv-api.js";
import { fixturePath } from "./fixtures.js";

/**
 * How the fake arXiv answers one feed path:
 * - `ok`: the fixture; `weekend`: an empty feed (no items);
 * - `500`, `429` (with Retry-After: 1), `reset` (connection destroyed), `timeout` (never answers),
 *   `truncated` (half the XML), `html` (an HTML error page with status 200), `404`.
 */
export type ArxivMode =
  | "ok"
  | "weekend"
  | "500"
  | "429"
  | "reset"
  | "timeout"
  | "truncated"
  | "html"
  | "404"
  /** An endless body streamed in chunks, with no Content-Length (stops when the client hangs up). */
  | "huge"
  /** The fixture as arXiv served it one day earlier: every pubDate and lastBuildDate a day back. */
  | "yesterday";

export interface ArxivServer {
  /** Base URL to use as ARXIV_BASE_URL. */
  url: string;
  /** Sets the behaviour for one path (`/rss/cs.LG`) or, with `*`, for every path without its own. */
  setMode(path: string, mode: ArxivMode): void;
  /** Serves this XML for a path instead of the fixture. */
  setBody(path: string, xml: string): void;
  /** Answers the next `times` requests of `path` with `mode`, then goes back to its mode. */
  failNext(path: string, mode: ArxivMode, times: number): void;
  /** Delays every answer by `ms` (to hold a refresh open). */
  setDelay(ms: number): void;
  /** Every request received: path, User-Agent and arrival time (ms). */
  log(): { path: string; userAgent: string | undefined; at: number }[];
  /** The API at `/api/query?id_list=…` (ARXIV_API_BASE_URL = `url`): its own modes and request log. */
  api: ArxivApiControl;
  /** Requests received, by path. */
  requests(): Record<string, number>;
  totalRequests(): number;
  reset(): void;
  stop(): Promise<void>;
}

const DAILY = fixturePath("arxiv", "daily");

/** `/rss/cs.AI+cs.LG` → the daily fixture file for those categories, if one exists. */
function fixtureFor(path: string): string | undefined {
  const match = /^\/rss\/(.+)$/.exec(path);
  if (!match?.[1]) return undefined;
  const file = `${DAILY}/rss-${decodeURIComponent(match[1])}.xml`;
  return existsSync(file) ? file : undefined;
}

const DAY_MS = 86_400_000;

/** `xml` with each channel and item date moved one day back, as the previous day's feed had them. */
export function dayEarlier(xml: string): string {
  return xml.replace(/<(pubDate|lastBuildDate)>([^<]+)<\/\1>/g, (whole, tag: string, date: string) => {
    const time = Date.parse(date);
    return Number.isNaN(time) ? whole : `<${tag}>${new Date(time - DAY_MS).toUTCString()}</${tag}>`;
  });
}

/**
 * A loopback HTTP server that serves the arXiv fixtures as rss.arxiv.org would, and the API's
 * `/api/query` as export.arxiv.org would (see `arxiv-api.ts`), with faults on demand.
 */
export async function startArxivServer(): Promise<ArxivServer> {
  const modes = new Map<string, ArxivMode>();
  const bodies = new Map<string, string>();
  const counts = new Map<string, number>();
  const cache = new Map<string, string>();
  const weekend = readFileSync(`${DAILY}/rss-cs.LG-weekend-empty.xml`, "utf8");
  const hanging = new Set<import("node:http").ServerResponse>();
  const oneShots = new Map<string, { mode: ArxivMode; left: number }>();
  const received: { path: string; userAgent: string | undefined; at: number }[] = [];
  const api = createArxivApi();

  let delayMs = 0;
  const server: Server = createServer((req, res) => {
    if (delayMs > 0) {
      const wait = delayMs;
      setTimeout(() => answer(req, res), wait);
      return;
    }
    answer(req, res);
  });
  const answer = (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    counts.set(path, (counts.get(path) ?? 0) + 1);
    received.push({ path, userAgent: req.headers["user-agent"], at: Date.now() });
    if (path === "/api/query") return api.answer(req, res, hanging);
    const oneShot = oneShots.get(path);
    let mode = modes.get(path) ?? modes.get("*") ?? "ok";
    if (oneShot && oneShot.left > 0) {
      oneShot.left--;
      mode = oneShot.mode;
    }
    const xml = () => {
      const own = bodies.get(path);
      if (own !== undefined) return own;
      const file = fixtureFor(path);
      if (!file) return undefined;
      let text = cache.get(file);
      if (text === undefined) {
        text = readFileSync(file, "utf8");
        cache.set(file, text);
      }
      return text;
    };
    const send = (status: number, body: string, type = "application/rss+xml; charset=utf-8", extra = {}) => {
      res.writeHead(status, { "content-type": type, ...extra });
      res.end(body);
    };
    switch (mode) {
      case "timeout":
        hanging.add(res);
        return;
      case "huge": {
        res.writeHead(200, { "content-type": "application/rss+xml" });
        const chunk = `<item><title>${"x".repeat(64 * 1024)}</title></item>`;
        let sent = 0;
        const pump = () => {
          while (!res.destroyed && sent < 200 * 1024 * 1024) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once("drain", pump);
          }
          res.end();
        };
        res.write('<?xml version="1.0"?><rss version="2.0"><channel>');
        pump();
        return;
      }
      case "reset":
        req.socket.destroy();
        return;
      case "500":
        return send(500, "Internal Server Error", "text/plain");
      case "429":
        return send(429, "Too Many Requests", "text/plain", { "retry-after": "1" });
      case "404":
        return send(404, "Not Found", "text/plain");
      case "html":
        return send(
          200,
          "<!DOCTYPE html><html><body><h1>Service temporarily unavailable</h1></body></html>",
          "text/html",
        );
      case "weekend":
        return send(200, weekend);
      case "truncated": {
        const body = xml() ?? weekend;
        return send(200, body.slice(0, Math.floor(body.length / 2)));
      }
      case "yesterday": {
        const body = xml();
        return body === undefined ? send(404, "Not Found", "text/plain") : send(200, dayEarlier(body));
      }
      case "ok": {
        const body = xml();
        return body === undefined ? send(404, "Not Found", "text/plain") : send(200, body);
      }
    }
  };
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setMode: (path, mode) => void modes.set(path, mode),
    setBody: (path, xml) => void bodies.set(path, xml),
    setDelay: (ms) => {
      delayMs = ms;
    },
    failNext: (path, mode, times) => void oneShots.set(path, { mode, left: times }),
    log: () => [...received],
    api: api.control,
    requests: () => Object.fromEntries(counts),
    totalRequests: () => [...counts.values()].reduce((a, b) => a + b, 0),
    reset: () => {
      modes.clear();
      bodies.clear();
      counts.clear();
      oneShots.clear();
      received.length = 0;
      delayMs = 0;
      api.control.reset();
    },
    stop: () =>
      new Promise((done) => {
        for (const res of hanging) res.destroy();
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
