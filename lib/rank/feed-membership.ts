import type { Paper } from "../model/paper.js";
import { ALL_FEED } from "../model/snapshot.js";

/** Which announcements a feed admits. */
export interface MembershipRules {
  /** The configured categories (the `all` feed admits papers of any of them). */
  categories: readonly string[];
  /** Admit papers cross-listed into a category, not only those whose primary it is. */
  includeCrossLists: boolean;
}

/**
 * Whether a paper belongs in feed `name`. Replacements never do (the reference kept only new
 * submissions); a category feed holds papers whose primary category it is, plus cross-lists into
 * it when allowed; `all` holds every admitted paper of the configured categories.
 */
export function admits(name: string, paper: Paper, rules: MembershipRules): boolean {
  const type = paper.announceType;
  if (type === "replace" || type === "replace-cross") return false;
  if (type === "cross" && !rules.includeCrossLists) return false;
  const inCategory = (category: string) =>
    rules.includeCrossLists ? paper.categories.includes(category) : paper.primaryCategory === category;
  if (name === ALL_FEED) return rules.categories.some(inCategory);
  return inCategory(name);
}
