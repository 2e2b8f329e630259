/** Which copy of a paper a merge keeps when several lists hold the same arXiv id. */
export interface MergeRule<T> {
  /**
   * `first`: the earliest list's copy; `last`: the latest list's; `newest-version`: the copy of
   * the highest version, the earliest of those on a tie.
   */
  keep: "first" | "last" | "newest-version";
  /** When two copies are of the same version, the entry kept instead (say, to carry a summary). */
  sameVersion?: (earlier: T, later: T) => T;
}

/**
 * The papers of `lists`, one entry per id, in the order each id first appears; `rule` says
 * which copy wins. The one merge by id every feed, day list and candidate list uses. Pure.
 */
export function mergeById<T extends { id: string; version: number }>(
  lists: Iterable<readonly T[]>,
  rule: MergeRule<T>,
): T[] {
  const byId = new Map<string, T>();
  for (const list of lists) {
    for (const paper of list) {
      const kept = byId.get(paper.id);
      byId.set(paper.id, kept === undefined ? paper : pick(kept, paper, rule));
    }
  }
  return [...byId.values()];
}

function pick<T extends { version: number }>(earlier: T, later: T, rule: MergeRule<T>): T {
  if (rule.sameVersion && earlier.version === later.version) return rule.sameVersion(earlier, later);
  if (rule.keep === "first") return earlier;
  if (rule.keep === "last") return later;
  return later.version > earlier.version ? later : earlier;
}
