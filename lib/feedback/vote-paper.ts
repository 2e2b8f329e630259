import type { Config } from "../config/schema.js";
import { loadOnce } from "../http/load-once.js";
import type { Store } from "../store/types.js";
import type { ProfileVote } from "./profile-record.js";
import { readWindowPapers, type ShownPaper } from "./window-papers.js";

/** A paper the deployment no longer holds, named as the profile's own vote on it kept it. */
export type VotedPaper = Pick<ProfileVote, "id" | "title">;

/** What a vote page names: the paper, and whether the feeds' stored window still holds it. */
export interface VotePaper {
  /** The paper, as the window, the `named:` cache or the profile's own vote knows it. */
  paper: ShownPaper | VotedPaper;
  /** Whether the feeds' stored window holds it (else the page says it left). */
  inWindow: boolean;
}

/** Loaded when a paper is not in the window only (a vote on a held paper reads nothing more). */
const namedCache = loadOnce(() => import("../profile/named-cache.js"));

/**
 * The paper `id` a vote link names: the stored window's (one store command); else the `named:`
 * cache's (a paper named by like= or a vote the ranking looked up on arXiv; one more); else the
 * profile's own vote on it (`storedVote`), which keeps its title. Undefined when the deployment
 * knows it nowhere, so the vote is refused and nothing recorded.
 */
export async function findVotePaper(
  store: Store,
  config: Config,
  id: string,
  storedVote: ProfileVote | undefined,
): Promise<VotePaper | undefined> {
  const held = (await readWindowPapers(store, config)).get(id);
  if (held) return { paper: held, inWindow: true };
  const cached = (await (await namedCache()).readNamedCache(store, [id])).papers.get(id);
  if (cached) return { paper: cached, inWindow: false };
  return storedVote ? { paper: { id, title: storedVote.title }, inWindow: false } : undefined;
}
