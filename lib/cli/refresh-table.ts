import type { RefreshMeta } from "../model/refresh-meta.js";

const pad = (text: string, width: number) => text.padEnd(width);

/** The refresh's outcome per category and feed as a plain-text table. */
export function formatRefreshTable(meta: RefreshMeta): string {
  const rows: string[][] = [["feed", "arXiv", "listed", "kept", "announced"]];
  for (const [name, kept] of Object.entries(meta.feeds)) {
    const category = meta.categories[name];
    rows.push([
      name,
      category ? (category.status === "error" ? `error: ${category.error ?? ""}` : category.status) : "",
      category ? String(category.parsed) : "",
      String(kept),
      category?.announced ?? (name === "all" ? (meta.announced ?? "") : ""),
    ]);
  }
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  const lines = rows.map((row) =>
    row
      .map((cell, i) => pad(cell, widths[i] ?? 0))
      .join("  ")
      .trimEnd(),
  );
  if (meta.llm) {
    const u = meta.llm;
    lines.push(
      `summaries (${u.model}): ${u.calls} calls, ${u.cached} cached, ${u.failed} failed, ${u.pending} pending; ` +
        `${u.promptTokens + u.completionTokens} tokens ≈ $${u.estimatedCostUsd.toFixed(4)}`,
    );
  }
  return lines.join("\n");
}
