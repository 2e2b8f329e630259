/*
 * Shared pieces of the HTTP surface tests: the endpoints with their content types, and a reader
 * of the service's store so tests can compute expected results from what was stored.
 */
import { join } from "node:path";
import type { FeedSnapshot, RankedPaper } from "../../lib/model/snapshot.js";
import { createStore } from "../../lib/store/create-store.js";
import { unpackJson } from "../../lib/store/packed-json.js";
import type { Store } from "../../lib/store/types.js";
import type { Service } from "../helpers/service.js";

/** The feeds of the repository's config.json. */
export const FEEDS = ["all", "cs.AI", "cs.CL", "cs.DC", "cs.LG"];

/** A second reader of the service's file store (the same folder and key prefix). */
export function storeOf(service: Service): Store {
  const keyPrefix = process.env.KEY_PREFIX;
  if (keyPrefix === undefined) throw new Error("startService sets KEY_PREFIX");
  return createStore({ driver: "file", dir: join(service.dataDir, "store") }, { keyPrefix });
}

/**
 * Every paper the store holds for feed `name`: each stored day's pool (`pool:<name>:<slot>`, all
 * slots of days_back, at most 7) and the feed's kept papers, one entry per id (a pool's). Read
 * key by key, independently of the service's one-command reader.
 */
export async function storedPool(store: Store, name: string, daysBack: number): Promise<RankedPaper[]> {
  const byId = new Map<string, RankedPaper>();
  for (let slot = 0; slot < Math.min(daysBack, 7); slot++) {
    // Stored as { packed, data: gzipped papers, head }.
    const papers = unpackJson<RankedPaper[] | null>(await store.get(`pool:${name}:${slot}`));
    for (const paper of papers ?? []) byId.set(paper.id, paper);
  }
  for (const paper of (await store.get<FeedSnapshot>(`feed:${name}`))?.papers ?? [])
    if (!byId.has(paper.id)) byId.set(paper.id, paper);
  return [...byId.values()];
}

/** One GET endpoint of the service: a path and the Content-Type it answers with. */
export interface Endpoint {
  path: string;
  type: string;
  /** Built from a snapshot (no-store before the first refresh). */
  snapshot: boolean;
}

const RSS = "application/rss+xml; charset=utf-8";
const ATOM = "application/atom+xml; charset=utf-8";
const FEED_JSON = "application/feed+json; charset=utf-8";
const JSON_TYPE = "application/json; charset=utf-8";

/** Every public GET route, with a personal-feed and a filtered-API variant. */
export function endpoints(paperId: string): Endpoint[] {
  return [
    { path: "/rss", type: RSS, snapshot: true },
    { path: "/rss/cs.LG", type: RSS, snapshot: true },
    { path: "/rss/cs.LG?keywords=moe,speculative+decoding&min_score=3", type: RSS, snapshot: true },
    { path: "/atom", type: ATOM, snapshot: true },
    { path: "/atom/cs.CL?exclude=language&limit=5", type: ATOM, snapshot: true },
    { path: "/feed.json", type: FEED_JSON, snapshot: true },
    { path: "/feed/cs.DC.json?authors=a", type: FEED_JSON, snapshot: true },
    { path: "/api/papers", type: JSON_TYPE, snapshot: true },
    { path: "/api/papers?category=cs.LG&keywords=inference&limit=3", type: JSON_TYPE, snapshot: true },
    { path: `/api/papers/${paperId}`, type: JSON_TYPE, snapshot: true },
    { path: "/api/categories", type: JSON_TYPE, snapshot: true },
    { path: "/api/openapi.json", type: JSON_TYPE, snapshot: false },
    { path: "/api/filters", type: JSON_TYPE, snapshot: false },
    { path: "/feeds.opml", type: "text/x-opml; charset=utf-8", snapshot: false },
    { path: "/digest.md", type: "text/markdown; charset=utf-8", snapshot: true },
    { path: "/digest.md?category=cs.DC", type: "text/markdown; charset=utf-8", snapshot: true },
    { path: "/api/health", type: JSON_TYPE, snapshot: true },
    { path: "/health", type: JSON_TYPE, snapshot: true },
    { path: "/api/config", type: JSON_TYPE, snapshot: false },
    { path: "/config", type: JSON_TYPE, snapshot: false },
  ];
}
