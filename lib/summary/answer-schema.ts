import { z } from "zod";

/**
 * The JSON answer the model is asked for: the TL;DR and the four sections, each a string. Sent
 * as the structured-output schema (`response_format: json_schema`) where the endpoint takes it;
 * answers are still read leniently (`parse-summary.ts`), as JSON mode and Markdown give no such
 * guarantee.
 */
export const SummaryAnswerSchema = z
  .object({
    tldr: z.string().describe("one sentence"),
    problem: z.string(),
    method: z.string(),
    results: z.string(),
    limitations: z.string(),
  })
  .strict();

/** The structured-output format for the chat completions API (strict: every field, no others). */
export function summaryResponseFormat() {
  const { $schema: _schema, ...schema } = z.toJSONSchema(SummaryAnswerSchema) as Record<string, unknown>;
  return {
    type: "json_schema" as const,
    json_schema: { name: "paper_summary", strict: true, schema },
  };
}
