import type { Paper } from "../model/paper.js";

/**
 * Logical store key of a paper version's summary:
 * `summary:<id>v<version>:<model>:<prompt hash>:<language>`. A summary is computed once per key
 * and never recomputed; the store adds its own prefix. Whitespace in a model name becomes `_`.
 */
export function summaryCacheKey(
  paper: Pick<Paper, "id" | "version">,
  model: string,
  promptHash: string,
  language: string,
): string {
  return `summary:${paper.id}v${paper.version}:${model.trim().replace(/\s+/g, "_")}:${promptHash}:${language}`;
}
