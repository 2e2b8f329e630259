import type { Paper } from "../../lib/model/paper.js";

/** A plausible paper with the given fields overridden (tests of pure ranking logic). */
export function makePaper(overrides: Partial<Paper> & { id: string }): Paper {
  const version = overrides.version ?? 1;
  const category = overrides.primaryCategory ?? overrides.categories?.[0] ?? "cs.LG";
  return {
    version,
    title: `Paper ${overrides.id}`,
    authors: ["Ada Lovelace"],
    abstract: "We study things.",
    announceType: "new",
    categories: [category],
    primaryCategory: category,
    announced: "2026-01-29",
    links: {
      abs: `https://arxiv.org/abs/${overrides.id}`,
      pdf: `https://arxiv.org/pdf/${overrides.id}v${version}`,
      html: `https://arxiv.org/html/${overrides.id}v${version}`,
    },
    ...overrides,
  };
}

/** A minimal valid summary (tests of merging, where only its presence matters). */
export const SAMPLE_SUMMARY = {
  model: "m",
  language: "en",
  tldr: "t",
  sections: [],
  html: "<p>t</p>",
  text: "t",
  createdAt: "2026-01-28T06:00:00Z",
};
