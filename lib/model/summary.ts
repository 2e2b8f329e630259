import { z } from "zod";

/** The four parts of a structured summary, in reading order. */
export const SummarySectionKeySchema = z.enum(["problem", "method", "results", "limitations"]);
export type SummarySectionKey = z.infer<typeof SummarySectionKeySchema>;

/** An LLM-written summary of one paper version; `html` is already sanitised. */
export const SummarySchema = z.object({
  /** Model that wrote it, shown to readers as "AI summary (by <model>)". */
  model: z.string(),
  /** BCP 47 language tag the summary is written in (`en`, `zh`). */
  language: z.string(),
  /** One-sentence TL;DR, plain text. */
  tldr: z.string(),
  sections: z.array(z.object({ key: SummarySectionKeySchema, heading: z.string(), text: z.string() })),
  /** Sanitised HTML of the whole summary, safe to embed in feeds and pages. */
  html: z.string(),
  /** Plain-text rendering of the whole summary. */
  text: z.string(),
  /** ISO time it was written. */
  createdAt: z.string(),
  /**
   * Short hash of the settings that wrote it (model, prompt text, language, source;
   * `summarySettingsId`). A feed shows a summary only while the settings match; summaries
   * stored before this field have none, and are found again under their store key.
   */
  settingsId: z.string().optional(),
});
export type Summary = z.infer<typeof SummarySchema>;
