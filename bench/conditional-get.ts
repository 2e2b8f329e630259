import type { BenchContext } from "./context.js";
import { configuredAndRefreshed, type Harness } from "./harness.js";
import { httpGet, keepAliveAgent } from "./http-get.js";
import { bytes } from "./stats.js";

export interface ConditionalPoll {
  path: string;
  /** A repeat poll without validators: status, body and header bytes. */
  plain: { status: number; body: number; headers: number };
  /** The same poll with `If-None-Match: <etag>`. */
  ifNoneMatch: { status: number; body: number; headers: number };
  /** The same poll with `If-Modified-Since: <last-modified>`. */
  ifModifiedSince: { status: number; body: number; headers: number };
}

/** Issue 5's figure: the bytes of a feed reader's repeat poll, with and without a validator. */
export async function benchConditionalGet(
  ctx: BenchContext,
  harness: Harness,
  paths: readonly string[] = ["/rss/cs.LG", "/feed.json"],
): Promise<ConditionalPoll[]> {
  const section = "5. Conditional GET";
  await configuredAndRefreshed(harness, { store: "memory" });
  const agent = keepAliveAgent();
  const polls: ConditionalPoll[] = [];
  try {
    for (const path of paths) {
      const url = harness.url + path;
      await httpGet(url, agent);
      const repeat = await httpGet(url, agent);
      const etag = String(repeat.headers.etag ?? "");
      const lastModified = String(repeat.headers["last-modified"] ?? "");
      const inm = await httpGet(url, agent, etag ? { "if-none-match": etag } : {});
      const ims = await httpGet(url, agent, lastModified ? { "if-modified-since": lastModified } : {});
      const shape = (r: typeof repeat) => ({ status: r.status, body: r.body.length, headers: r.headerBytes });
      const poll = { path, plain: shape(repeat), ifNoneMatch: shape(inm), ifModifiedSince: shape(ims) };
      polls.push(poll);
      const total = (p: { body: number; headers: number }) => p.body + p.headers;
      ctx.record({
        section,
        name: `${path} repeat poll with If-None-Match (status ${poll.ifNoneMatch.status})`,
        value: `${bytes(total(poll.ifNoneMatch))} (body ${poll.ifNoneMatch.body} B)`,
        baseline: `without: ${bytes(total(poll.plain))} (status ${poll.plain.status}, body ${bytes(poll.plain.body)})`,
        ratio: `${((total(poll.ifNoneMatch) / total(poll.plain)) * 100).toFixed(2)}% of the bytes`,
        goal: "304, empty body",
        met: poll.ifNoneMatch.status === 304 && poll.ifNoneMatch.body === 0,
      });
      ctx.record({
        section,
        name: `${path} repeat poll with If-Modified-Since (status ${poll.ifModifiedSince.status})`,
        value: `${bytes(total(poll.ifModifiedSince))} (body ${poll.ifModifiedSince.body} B)`,
        baseline: `without: ${bytes(total(poll.plain))}`,
        ratio: `${((total(poll.ifModifiedSince) / total(poll.plain)) * 100).toFixed(2)}% of the bytes`,
      });
    }
  } finally {
    agent.destroy();
  }
  return polls;
}
