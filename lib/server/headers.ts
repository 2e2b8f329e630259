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

/** What the matching rules set on `pathname`, in order: later rules win, as on Vercel. */
function headersFor(pathname: string, rules: readonly HeaderRule[]): [string, string][] {
  const path = normalPath(pathname) ?? pathname;
  const set: [string, string][] = [];
  for (const rule of rules)
    if (rule.test(path)) for (const { key, value } of rule.headers) set.push([key, value]);
  return set;
}

/**
 * `response` with `headers` set, in place. A response whose headers are immutable (a `fetch`
 * answer, `Response.error()`) is copied instead.
 */
function setHeaders(response: Response, headers: readonly [string, string][]): Response {
  try {
    for (const [key, value] of headers) response.headers.set(key, value);
    return response;
  } catch {
    const copy = new Headers(response.headers);
    for (const [key, value] of headers) copy.set(key, value);
    return new Response(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers: copy,
    });
  }
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
  return setHeaders(response, headersFor(pathname, rules));
}

/**
 * {@link applyHeaderRules} with each path's headers remembered (up to `maxPaths`, then forgotten
 * all at once): a path seen before costs no pattern matching.
 */
export function memoisedHeaderRules(
  rules: readonly HeaderRule[],
  maxPaths = 1024,
): (response: Response, pathname: string) => Response {
  const seen = new Map<string, [string, string][]>();
  return (response, pathname) => {
    let headers = seen.get(pathname);
    if (!headers) {
      headers = headersFor(pathname, rules);
      if (seen.size >= maxPaths) seen.clear();
      // A client's long paths are not worth keeping.
      if (pathname.length <= 512) seen.set(pathname, headers);
    }
    return setHeaders(response, headers);
  };
}
