import type { Harness } from "./harness.js";
import { httpGet, keepAliveAgent } from "./http-get.js";
import { type LoadResult, runLoad } from "./load-runner.js";
import { contentHeaders, type PlainServer } from "./plain-server.js";

export interface VersusPlain {
  path: string;
  bodyBytes: number;
  /** Papers in the body (RSS items, Atom entries, JSON `papers`/`items`), if it could tell. */
  items: number | undefined;
  /** The response body of the path before the run (to compare paths). */
  body: Buffer;
  service: LoadResult;
  plain: LoadResult;
}

export interface VersusOptions {
  connections: number;
  serviceSec: number;
  plainSec: number;
}

/** Papers in a feed or API body: RSS `<item>`s, Atom `<entry>`s, or a JSON `papers`/`items` array. */
export function countItems(body: Buffer): number | undefined {
  const text = body.toString("utf8");
  if (text.trimStart().startsWith("<")) {
    const items = text.split("<item>").length - 1;
    return items || text.split("<entry>").length - 1;
  }
  try {
    const json = JSON.parse(text) as { papers?: unknown[]; items?: unknown[] };
    return (json.papers ?? json.items)?.length;
  } catch {
    return undefined;
  }
}

/** The status of one GET of `path` and its body (to decide whether a route exists). */
export async function probe(
  harness: Harness,
  path: string,
): Promise<{ status: number; body: Buffer; headers: Record<string, string | string[] | undefined> }> {
  const agent = keepAliveAgent();
  try {
    return await httpGet(harness.url + path, agent);
  } finally {
    agent.destroy();
  }
}

/**
 * autocannon against the plain server serving the path's exact bytes (and content headers),
 * then against the local server.
 */
export async function versusPlain(
  harness: Harness,
  plain: PlainServer,
  path: string,
  options: VersusOptions,
): Promise<VersusPlain> {
  const first = await probe(harness, path);
  if (first.status !== 200) throw new Error(`${path}: status ${first.status}`);
  plain.serve(first.body, contentHeaders(first.headers));
  const plainResult = await runLoad(plain.url + path, {
    connections: options.connections,
    durationSec: options.plainSec,
  });
  const service = await runLoad(harness.url + path, {
    connections: options.connections,
    durationSec: options.serviceSec,
  });
  return {
    path,
    bodyBytes: first.body.length,
    items: countItems(first.body),
    body: first.body,
    service,
    plain: plainResult,
  };
}
