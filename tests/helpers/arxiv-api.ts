import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { fixturePath } from "./fixtures.js";

/**
 * How the fake arXiv API (`/api/query?id_list=…`) answers:
 * - `ok`: entries of the corpus for the ids it has, none for the others; a malformed id gets
 *   arXiv's error feed instead (status `setErrorStatus`, 200 by default);
 * - `429` / `503`: that status with `Retry-After` (`setRetryAfter`, default `1`);
 * - `rate-text`: 429 with arXiv's bare `Rate exceeded.` body and no Retry-After;
 * - `slow`: the `ok` answer after `setSlowMs` (default 2000 ms);
 * - `stall`: headers and half the answer at once, the rest never;
 * - `timeout`: no answer at all; `reset`: connection destroyed;
 * - `malformed`: a feed with a broken tag; `truncated`: the first half of the `ok` answer;
 * - `html`: an HTML error page with status 200; `500`.
 */
export type ArxivApiMode =
  | "ok"
  | "429"
  | "503"
  | "rate-text"
  | "slow"
  | "stall"
  | "timeout"
  | "reset"
  | "malformed"
  | "truncated"
  | "html"
  | "500";

/** One request the fake API received. */
export interface ApiRequest {
  /** `id_list` as sent, split on commas. */
  ids: string[];
  maxResults: number | undefined;
  userAgent: string | undefined;
  /** Arrival, machine ms. */
  at: number;
}

/** Controls of the fake arXiv API. */
export interface ArxivApiControl {
  setMode(mode: ArxivApiMode): void;
  /** Answers the next `times` requests with `mode`, then goes back to its mode. */
  failNext(mode: ArxivApiMode, times: number): void;
  /** Serves this exact body (status 200) to every `ok` request instead of building one. */
  setBody(xml: string | undefined): void;
  setRetryAfter(value: string): void;
  setSlowMs(ms: number): void;
  /** Status of the error feed for a malformed id (arXiv's classic API: 200; some versions 400). */
  setErrorStatus(status: number): void;
  /** Canonical ids (no version) the corpus has: the real API fixtures' and the reference papers'. */
  corpusIds(): string[];
  /** Every request received, in order. */
  log(): ApiRequest[];
  reset(): void;
}

const API_NS =
  'xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom"';

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Entries of a real API response, by canonical id. */
function realEntries(file: string): [string, string][] {
  const xml = readFileSync(fixturePath("arxiv", "real", file), "utf8");
  return [...xml.matchAll(/<entry>[\s\S]*?<\/entry>/g)].flatMap(([entry]) => {
    const id = /<id>https?:\/\/arxiv\.org\/abs\/([^<]+?)(?:v\d+)?<\/id>/.exec(entry)?.[1];
    return id ? [[id, entry] as [string, string]] : [];
  });
}

interface ReferencePaper {
  title: string;
  authors: string;
  category: string;
  published: string;
  arxivId: string;
  abstractPrefix: string;
}

/** A reference paper as the API writes an entry (current format). */
function referenceEntry(paper: ReferencePaper): [string, string] {
  const id = paper.arxivId.replace(/v\d+$/, "");
  const time = `${paper.published}T12:00:00Z`;
  const authors = paper.authors
    .split(", ")
    .map((name) => `    <author>\n      <name>${escapeXml(name)}</name>\n    </author>`)
    .join("\n");
  const entry = `<entry>
    <id>http://arxiv.org/abs/${paper.arxivId}</id>
    <title>${escapeXml(paper.title)}</title>
    <updated>${time}</updated>
    <link href="https://arxiv.org/abs/${paper.arxivId}" rel="alternate" type="text/html"/>
    <link href="https://arxiv.org/pdf/${paper.arxivId}" rel="related" type="application/pdf" title="pdf"/>
    <summary>${escapeXml(paper.abstractPrefix)}</summary>
    <category term="${paper.category}" scheme="http://arxiv.org/schemas/atom"/>
    <published>${time}</published>
    <arxiv:primary_category term="${paper.category}"/>
${authors}
  </entry>`;
  return [id, entry];
}

/** The corpus: real entries first (old and current format), then the reference papers. */
function loadCorpus(): Map<string, string> {
  const reference = JSON.parse(
    readFileSync(fixturePath("arxiv", "reference-papers.json"), "utf8"),
  ) as ReferencePaper[];
  const corpus = new Map<string, string>();
  const all = [
    ...realEntries("api-query-cs.LG-OR-cs.AI-20.xml"),
    ...realEntries("api-old-format-1601.00001.xml"),
    ...reference.map(referenceEntry),
  ];
  for (const [id, entry] of all) if (!corpus.has(id)) corpus.set(id, entry);
  return corpus;
}

/** The id formats arXiv's API accepts in `id_list`, with or without version. */
const VALID_ID = /^(?:\d{4}\.\d{4,5}|[a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?$/;

function feed(query: string, entries: string[], total: number): string {
  return `<?xml version='1.0' encoding='UTF-8'?>
<feed ${API_NS}>
  <id>https://arxiv.org/api/fake</id>
  <title>arXiv Query: search_query=&amp;id_list=${escapeXml(query)}&amp;start=0&amp;max_results=${entries.length}</title>
  <updated>2026-01-29T15:00:00Z</updated>
  <opensearch:itemsPerPage>${entries.length}</opensearch:itemsPerPage>
  <opensearch:totalResults>${total}</opensearch:totalResults>
  <opensearch:startIndex>0</opensearch:startIndex>
  ${entries.join("\n  ")}
</feed>
`;
}

/** arXiv's answer to a malformed id: a feed of one entry under `/api/errors`. */
export function apiErrorFeed(badId: string): string {
  const anchor = `incorrect_id_format_for_${escapeXml(badId)}`;
  const entry = `<entry>
    <id>http://arxiv.org/api/errors#${anchor}</id>
    <title>Error</title>
    <summary>incorrect id format for ${escapeXml(badId)}</summary>
    <updated>2026-01-29T00:00:00-05:00</updated>
    <link href="http://arxiv.org/api/errors#${anchor}" rel="alternate" type="text/html"/>
    <author>
      <name>arXiv api core</name>
    </author>
  </entry>`;
  return feed(badId, [entry], 1);
}

/** The `ok` answer: status and body. Entries come newest id first, not in the order asked. */
function okAnswer(corpus: Map<string, string>, ids: string[], errorStatus: number): [number, string] {
  const bad = ids.find((id) => !VALID_ID.test(id));
  if (bad !== undefined) return [errorStatus, apiErrorFeed(bad)];
  const found = [...new Set(ids.map((id) => id.replace(/v\d+$/, "")))]
    .sort()
    .reverse()
    .flatMap((id) => corpus.get(id) ?? []);
  return [200, feed(ids.join(","), found, ids.length)];
}

/** The fake API behind `startArxivServer()`'s `/api/query`. */
export function createArxivApi(): {
  control: ArxivApiControl;
  answer(req: IncomingMessage, res: ServerResponse, hanging: Set<ServerResponse>): void;
} {
  const corpus = loadCorpus();
  const received: ApiRequest[] = [];
  let mode: ArxivApiMode = "ok";
  let oneShot: { mode: ArxivApiMode; left: number } | undefined;
  let body: string | undefined;
  let retryAfter = "1";
  let slowMs = 2000;
  let errorStatus = 200;

  const answer = (req: IncomingMessage, res: ServerResponse, hanging: Set<ServerResponse>) => {
    const params = new URL(req.url ?? "/", "http://localhost").searchParams;
    const ids = (params.get("id_list") ?? "").split(",").filter(Boolean);
    const max = params.get("max_results");
    received.push({
      ids,
      maxResults: max === null ? undefined : Number(max),
      userAgent: req.headers["user-agent"],
      at: Date.now(),
    });
    let current = mode;
    if (oneShot && oneShot.left > 0) {
      oneShot.left--;
      current = oneShot.mode;
    }
    const send = (status: number, text: string, type = "application/atom+xml; charset=utf-8", extra = {}) => {
      res.writeHead(status, { "content-type": type, ...extra });
      res.end(text);
    };
    const ok = (): [number, string] =>
      body === undefined ? okAnswer(corpus, ids, errorStatus) : [200, body];
    respond(current, { req, res, hanging, send, ok, retryAfter, slowMs });
  };

  const control: ArxivApiControl = {
    setMode: (next) => {
      mode = next;
    },
    failNext: (next, times) => {
      oneShot = { mode: next, left: times };
    },
    setBody: (xml) => {
      body = xml;
    },
    setRetryAfter: (value) => {
      retryAfter = value;
    },
    setSlowMs: (ms) => {
      slowMs = ms;
    },
    setErrorStatus: (status) => {
      errorStatus = status;
    },
    corpusIds: () => [...corpus.keys()],
    log: () => [...received],
    reset: () => {
      mode = "ok";
      oneShot = undefined;
      body = undefined;
      retryAfter = "1";
      slowMs = 2000;
      errorStatus = 200;
      received.length = 0;
    },
  };
  return { control, answer };
}

interface Responder {
  req: IncomingMessage;
  res: ServerResponse;
  hanging: Set<ServerResponse>;
  send: (status: number, text: string, type?: string, extra?: Record<string, string>) => void;
  ok: () => [number, string];
  retryAfter: string;
  slowMs: number;
}

function respond(mode: ArxivApiMode, r: Responder) {
  switch (mode) {
    case "ok":
      return r.send(...r.ok());
    case "slow":
      setTimeout(() => r.send(...r.ok()), r.slowMs);
      return;
    case "429":
    case "503":
      return r.send(Number(mode), "Rate exceeded.", "text/plain", { "retry-after": r.retryAfter });
    case "rate-text":
      return r.send(429, "Rate exceeded.", "text/plain");
    case "stall": {
      const [status, text] = r.ok();
      r.res.writeHead(status, { "content-type": "application/atom+xml" });
      r.res.write(text.slice(0, Math.floor(text.length / 2)));
      r.hanging.add(r.res);
      return;
    }
    case "timeout":
      r.hanging.add(r.res);
      return;
    case "reset":
      r.req.socket.destroy();
      return;
    case "malformed":
      return r.send(200, r.ok()[1].replace("<title>", "<title><broken"));
    case "truncated": {
      const text = r.ok()[1];
      return r.send(200, text.slice(0, Math.floor(text.length / 2)));
    }
    case "html":
      return r.send(
        200,
        "<!DOCTYPE html><html><body><h1>Service unavailable</h1></body></html>",
        "text/html",
      );
    case "500":
      return r.send(500, "Internal Server Error", "text/plain");
  }
}
