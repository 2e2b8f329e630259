import { readFileSync } from "node:fs";
import { match } from "path-to-regexp";
import { z } from "zod";
import { normalPath } from "./normal-path.js";

const VercelHeadersSchema = z.object({
  headers: z
    .array(
      z.object({ source: z.string(), headers: z.array(z.object({ key: z.string(), value: z.string() })) }),
    )
    .default([]),
});

/** A compiled `vercel.json` header rule. */
export interface HeaderRule {
  test: (path: string) => boolean;
  headers: { key: string; value: string }[];
}

/** Reads the `headers` rules of vercel.json, so local responses carry what Vercel adds. */
export function loadHeaderRules(vercelJsonPath: string): HeaderRule[] {
  const parsed = VercelHeadersSchema.parse(JSON.parse(readFileSync(vercelJsonPath, "utf8")));
  return parsed.headers.map((rule) => {
    const matcher = match(rule.source, { decode: (text: string) => text });
    return { test: (path) => matcher(path) !== false, headers: rule.headers };
  });
}

/**
 * Sets every matching rule's headers on `response` (later rules win, as on Vercel). Rules match
 * the decoded, normalised path, the one the static server serves: `/%69ndex.html` is the page.
 */
export function applyHeaderRules(
  response: Response,
  pathname: string,
  rules: readonly HeaderRule[],
): Response {
  const path = normalPath(pathname) ?? pathname;
  const headers = new Headers(response.headers);
  for (const rule of rules)
    if (rule.test(path)) for (const { key, value } of rule.headers) headers.set(key, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
