import type { Paper } from "../model/paper.js";
import { summaryKey } from "../store/keys.js";
import { type PromptSpec, promptHash } from "./prompt.js";

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

/**
 * Short hash of the settings a summary is written under: the model and the prompt's hash (which
 * covers the prompt text, language and source), i.e. the store key without the paper. Stamped on
 * every summary (`Summary.settingsId`), so a summary carried in a feed is recognised as written
 * under other settings after a configuration change.
 */
export function summarySettingsId(model: string, prompt: Pick<PromptSpec, "hash" | "language">): string {
  return promptHash(summaryCacheKey({ id: "", version: 0 }, model, prompt.hash, prompt.language));
}
