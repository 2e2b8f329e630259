import { readFileSync } from "node:fs";
import { match } from "path-to-regexp";
import { z } from "zod";
import { safeDecode } from "../safe-decode.js";

const VercelJsonSchema = z.object({
  rewrites: z.array(z.object({ source: z.string(), destination: z.string() })).default([]),
});

/** A compiled `vercel.json` rewrite. */
export interface Rewrite {
  source: string;
  destination: string;
  test: (path: string) => Record<string, string> | undefined;
}

/** Reads the rewrites of vercel.json, so the local server routes exactly as Vercel does. */
export function loadRewrites(vercelJsonPath: string): Rewrite[] {
  const parsed = VercelJsonSchema.parse(JSON.parse(readFileSync(vercelJsonPath, "utf8")));
  return parsed.rewrites.map(({ source, destination }) => {
    // Vercel matches sources with path-to-regexp 6, as here.
    const matcher = match<Record<string, string>>(source, { decode: safeDecode });
    return {
      source,
      destination,
      test: (path) => {
        const result = matcher(path);
        return result ? result.params : undefined;
      },
    };
  });
}

/**
 * Applies the first matching rewrite to `url`: the destination's `:param`s are filled from the
 * source, its query is added to the request's own (the destination's values win).
 */
export function applyRewrites(url: URL, rewrites: readonly Rewrite[]): URL | undefined {
  for (const rewrite of rewrites) {
    const params = rewrite.test(url.pathname);
    if (!params) continue;
    const filled = rewrite.destination.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) =>
      encodeURIComponent(params[name] ?? ""),
    );
    const target = new URL(filled, url);
    const merged = new URL(url);
    merged.pathname = target.pathname;
    for (const [key, value] of target.searchParams) merged.searchParams.set(key, value);
    return merged;
  }
  return undefined;
}
