import type { Paper } from "../model/paper.js";
import { USER_AGENT } from "../project.js";
import { readAtom } from "./parse-atom.js";
import { child, childText, listOf } from "./parse-node.js";
import { readXml } from "./parse-xml.js";
import { readBounded } from "./read-bounded.js";
import { parseRetryAfter } from "./retry-after.js";

/** Most ids one API request asks for (arXiv accepts more; a named-paper list holds at most 50). */
export const MAX_API_IDS = 50;

/** Largest API answer read, bytes: 50 entries take about 150 KB. */
export const MAX_API_RESPONSE_BYTES = 4 * 1024 * 1024;

/** How arXiv's API is asked. */
export interface ApiQueryPolicy {
  /** Origin of the API, e.g. `https://export.arxiv.org` (setting `ARXIV_API_BASE_URL`). */
  baseUrl: string;
  /** Limit of the whole request, headers and body, milliseconds. */
  timeoutMs: number;
  /** User-Agent naming the deployment (default: the project's). */
  userAgent?: string;
}

/** Why a lookup failed, as data. `api`: arXiv answered with an error entry naming none of the ids. */
export type ApiQueryFailure =
  | { kind: "http"; status: number; message: string }
  | { kind: "timeout" | "network" | "parse" | "api"; message: string };

/**
 * What one lookup found. `unknown`: ids arXiv has no paper for (it leaves them out of its
 * answer). `rejected`: the id arXiv refused as malformed; it fails the whole request, so the
 * batch's other ids are `unanswered` (ask again without it). `retryAfterMs` with a 429 or 503.
 */
export type ApiQueryOutcome =
  | { ok: true; papers: Paper[]; unknown: string[]; rejected: string[]; unanswered: string[] }
  | { ok: false; error: ApiQueryFailure; retryAfterMs?: number };

/** `<base>/api/query?id_list=a,b&max_results=2`: ids are canonical, each encoded. */
export function apiQueryUrl(baseUrl: string, ids: readonly string[]): string {
  const list = ids.map(encodeURIComponent).join(",");
  return `${baseUrl.replace(/\/+$/, "")}/api/query?id_list=${list}&max_results=${ids.length}`;
}

/**
 * Looks up papers by canonical id (`2601.20273`, `hep-ex/0101001`; versionless ids get the latest
 * version) in ONE GET of arXiv's API, read with the Atom parser. Never throws for what a server
 * does (status, timeout, size, malformed XML); more than MAX_API_IDS ids is a RangeError.
 */
export async function fetchApiPapers(
  ids: readonly string[],
  policy: ApiQueryPolicy,
): Promise<ApiQueryOutcome> {
  if (ids.length > MAX_API_IDS)
    throw new RangeError(`fetchApiPapers: at most ${MAX_API_IDS} ids, got ${ids.length}`);
  if (ids.length === 0) return { ok: true, papers: [], unknown: [], rejected: [], unanswered: [] };
  try {
    const response = await fetch(apiQueryUrl(policy.baseUrl, ids), {
      headers: {
        "user-agent": policy.userAgent ?? USER_AGENT,
        accept: "application/atom+xml, application/xml;q=0.9, */*;q=0.1",
      },
      signal: AbortSignal.timeout(policy.timeoutMs),
      redirect: "follow",
    });
    if (response.status === 429 || response.status === 503) {
      await response.body?.cancel().catch(() => {});
      const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
      return {
        ok: false,
        error: httpFailure(response),
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      };
    }
    const bytes = await readBounded(response, MAX_API_RESPONSE_BYTES);
    if (bytes === undefined) {
      return {
        ok: false,
        error: { kind: "parse", message: `answer larger than ${MAX_API_RESPONSE_BYTES} bytes` },
      };
    }
    return readAnswer(response, bytes.toString("utf8"), ids);
  } catch (error) {
    const name = (error as Error).name;
    return name === "TimeoutError" || name === "AbortError"
      ? { ok: false, error: { kind: "timeout", message: `no answer within ${policy.timeoutMs} ms` } }
      : { ok: false, error: { kind: "network", message: networkMessage(error) } };
  }
}

const httpFailure = (response: Response): ApiQueryFailure => ({
  kind: "http",
  status: response.status,
  message: `HTTP ${response.status} ${response.statusText}`.trim(),
});

/** A body read: arXiv's error entry (with 200 or 400), its Atom feed, or a failure. */
function readAnswer(response: Response, text: string, ids: readonly string[]): ApiQueryOutcome {
  const doc = readXml(text);
  const isFeed = !(doc instanceof Error) && doc.root === "feed";
  const refusal = isFeed ? readApiError(doc.content, ids) : undefined;
  if (refusal) return refusal;
  if (!response.ok) return { ok: false, error: httpFailure(response) };
  if (doc instanceof Error) return { ok: false, error: { kind: "parse", message: doc.message } };
  if (!isFeed) return { ok: false, error: { kind: "parse", message: `<${doc.root}> is not an Atom feed` } };
  const feed = readAtom(doc.content);
  if (feed instanceof Error) return { ok: false, error: { kind: "parse", message: feed.message } };
  return matchPapers(feed.papers, ids);
}

const ERROR_ID = /\/api\/errors\b/;
const BAD_ID = /^incorrect id format for (.+)$/i;

/**
 * arXiv reports a bad request as a feed of one entry whose id is under `/api/errors`
 * (`…/api/errors#incorrect_id_format_for_X`, summary `incorrect id format for X`). One that names
 * an id of the batch rejects that id; any other is an `api` failure. Undefined when there is none.
 */
function readApiError(feed: unknown, ids: readonly string[]): ApiQueryOutcome | undefined {
  const entry = listOf(child(feed, "entry")).find((e) => ERROR_ID.test(childText(e, "id") ?? ""));
  if (entry === undefined) return undefined;
  const summary = (childText(entry, "summary") ?? "").trim().replace(/\s+/g, " ");
  const named = BAD_ID.exec(summary)?.[1]?.trim();
  const rejected = ids.find((id) => named !== undefined && (id === named || named.startsWith(`${id}v`)));
  if (rejected === undefined) {
    return {
      ok: false,
      error: { kind: "api", message: `arXiv API error: ${summary.slice(0, 200) || "no message"}` },
    };
  }
  return {
    ok: true,
    papers: [],
    unknown: [],
    rejected: [rejected],
    unanswered: ids.filter((id) => id !== rejected),
  };
}

/** The answer's papers for the asked ids (first of each; an entry with no title and abstract is none). */
function matchPapers(found: readonly Paper[], ids: readonly string[]): ApiQueryOutcome {
  const asked = new Set(ids);
  const byId = new Map<string, Paper>();
  for (const paper of found) {
    const empty = paper.title === "" && paper.abstract === "";
    if (asked.has(paper.id) && !byId.has(paper.id) && !empty) byId.set(paper.id, paper);
  }
  return {
    ok: true,
    papers: ids.flatMap((id) => byId.get(id) ?? []),
    unknown: ids.filter((id) => !byId.has(id)),
    rejected: [],
    unanswered: [],
  };
}

function networkMessage(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? "network error";
}
