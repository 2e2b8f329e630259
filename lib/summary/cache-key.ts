import type { Paper } from "../model/paper.js";
import { summaryKey } from "../store/keys.js";

/**
 * Logical store key of a paper version's summary,
 * `summary:<id>v<version>:<model>:<prompt hash>:<language>` (format in `lib/store/keys.ts`).
 * A summary is computed once per key and never recomputed; the store adds its own prefix.
 */
export function summaryCacheKey(
  paper: Pick<Paper, "id" | "version">,
  model: string,
  promptHash: string,
  language: string,
): string {
  return summaryKey(paper.id, paper.version, model, promptHash, language);
}
