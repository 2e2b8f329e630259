import { type AiSummaryConfig, AiSummaryConfigSchema } from "../../lib/config/schema.js";
import type { Paper } from "../../lib/model/paper.js";
import type { RankedPaper } from "../../lib/model/snapshot.js";
import { type Summary, SummarySchema } from "../../lib/model/summary.js";
import type { Store } from "../../lib/store/types.js";
import { summaryCacheKey } from "../../lib/summary/cache-key.js";
import { resolvePrompt } from "../../lib/summary/prompt.js";

/** A ranked paper `2604.0000<n>v1`; lower n scores higher. */
export function makePaper(n: number, overrides: Partial<RankedPaper> = {}): RankedPaper {
  const id = `2604.${String(n).padStart(5, "0")}`;
  return {
    id,
    version: 1,
    title: `Paper ${n}: Speculative Decoding for Fast Inference`,
    authors: ["Ada Lovelace", "Alan Turing"],
    abstract: `We study problem number ${n} in LLM inference. Our method is 2x faster on standard benchmarks.`,
    announceType: "new",
    categories: ["cs.LG"],
    primaryCategory: "cs.LG",
    announced: "2026-04-27",
    links: {
      abs: `https://arxiv.org/abs/${id}`,
      pdf: `https://arxiv.org/pdf/${id}v1`,
      html: `https://arxiv.org/html/${id}v1`,
    },
    score: 100 - n,
    matches: [],
    ...overrides,
  };
}

/** `ai_summary` as config.json would give it, with test-friendly timeouts. */
export function aiConfig(overrides: Partial<AiSummaryConfig> = {}): AiSummaryConfig {
  return AiSummaryConfigSchema.parse({ timeout_seconds: 5, max_retries: 0, ...overrides });
}

/** Wraps a store to count its commands. */
export function countingStore(store: Store) {
  const counts = { get: 0, getMany: 0, set: 0 };
  const wrapped: Store = {
    ...store,
    driver: store.driver,
    get: <T>(key: string) => {
      counts.get++;
      return store.get<T>(key);
    },
    getMany: <T>(keys: readonly string[]) => {
      counts.getMany++;
      return store.getMany<T>(keys);
    },
    set: (key, value, options) => {
      counts.set++;
      return store.set(key, value, options);
    },
  };
  return { store: wrapped, counts };
}

/**
 * The summaries stored for `papers` under `model` and the config's prompt and language: one
 * `getMany`, read the way the refresh reads them (by `summaryCacheKey`), never an LLM call.
 */
export async function storedSummaries(
  store: Store,
  papers: readonly Paper[],
  model: string,
  ai: AiSummaryConfig,
): Promise<Map<string, Summary>> {
  const prompt = resolvePrompt(ai);
  const values = await store.getMany(
    papers.map((p) => summaryCacheKey(p, model, prompt.hash, prompt.language)),
  );
  const found = new Map<string, Summary>();
  papers.forEach((paper, i) => {
    const parsed = SummarySchema.safeParse(values[i]);
    if (parsed.success) found.set(paper.id, parsed.data);
  });
  return found;
}
