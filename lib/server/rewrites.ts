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

/** Where a rewrite sends a path: the destination's path and the query parameters it sets. */
interface Destination {
  pathname: string;
  params: [string, string][];
}

/** The first matching rewrite's destination for `pathname`, its `:param`s filled from the source. */
function destinationOf(pathname: string, rewrites: readonly Rewrite[]): Destination | null {
  for (const rewrite of rewrites) {
    const params = rewrite.test(pathname);
    if (!params) continue;
    const filled = rewrite.destination.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) =>
      encodeURIComponent(params[name] ?? ""),
    );
    const target = new URL(filled, "http://rewrite.invalid");
    return { pathname: target.pathname, params: [...target.searchParams] };
  }
  return null;
}

/** `url` sent to `destination`: its path replaced, the destination's query added to its own (those values win). */
function sendTo(url: URL, destination: Destination): URL {
  const merged = new URL(url);
  merged.pathname = destination.pathname;
  for (const [key, value] of destination.params) merged.searchParams.set(key, value);
  return merged;
}

/**
 * Applies the first matching rewrite to `url`: the destination's `:param`s are filled from the
 * source, its query is added to the request's own (the destination's values win).
 */
export function applyRewrites(url: URL, rewrites: readonly Rewrite[]): URL | undefined {
  const destination = destinationOf(url.pathname, rewrites);
  return destination ? sendTo(url, destination) : undefined;
}

/**
 * {@link applyRewrites} with each URL's target remembered (up to `maxPaths`, then forgotten all
 * at once): a URL seen before costs no pattern matching and no query merging.
 */
export function memoisedRewrites(
  rewrites: readonly Rewrite[],
  maxPaths = 1024,
): (url: URL) => URL | undefined {
  const seen = new Map<string, string | null>();
  return (url) => {
    let target = seen.get(url.href);
    if (target === undefined) {
      const destination = destinationOf(url.pathname, rewrites);
      target = destination ? sendTo(url, destination).href : null;
      if (seen.size >= maxPaths) seen.clear();
      // A client's long URLs are not worth keeping.
      if (url.href.length <= 512) seen.set(url.href, target);
    }
    return target === null ? undefined : new URL(target);
  };
}
