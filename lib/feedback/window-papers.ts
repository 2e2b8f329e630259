import type { Config } from "../config/schema.js";
import { readPoolWindow } from "../http/read-pool-window.js";
import { ALL_FEED, type RankedPaper } from "../model/snapshot.js";
import type { Store } from "../store/types.js";

/** What the feedback pages show of a paper (a `named:` cache entry is one too). */
export type ShownPaper = Pick<RankedPaper, "id" | "version" | "title" | "authors" | "announced">;

/** The papers the deployment holds, by arXiv id (without version). */
export type WindowPapers = ReadonlyMap<string, ShownPaper>;

/**
 * Every paper of the combined feed's window (every admitted paper of the stored days, as a
 * personal feed ranks them), in one store command: what a vote may name. The pools are unzipped
 * through the read path's cache, so a warm instance pays for that once per refresh.
 */
export async function readWindowPapers(store: Store, config: Config): Promise<WindowPapers> {
  const served = await readPoolWindow(store, ALL_FEED, config);
  const papers = new Map<string, ShownPaper>();
  for (const { id, version, title, authors, announced } of served?.papers() ?? []) {
    if ((papers.get(id)?.version ?? 0) < version) papers.set(id, { id, version, title, authors, announced });
  }
  return papers;
}
