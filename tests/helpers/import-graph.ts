import { readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";

/** Which imports a walk follows. */
export interface ImportGraphOptions {
  /**
   * Follow `import("…")` of a literal too: what a run may load at some point (a bundler and
   * Vercel's tracer ship it). Without it, only what loading the entry point loads at once.
   */
  dynamic: boolean;
  /** Skip `import type` / `export type` statements: erased when compiled, so nothing loads. */
  runtimeOnly?: boolean;
}

const STATIC_IMPORT = /^\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/gms;
const DYNAMIC_IMPORT = /\bimport\(\s*"([^"]+)"\s*\)/g;

function importsOf(file: string, options: ImportGraphOptions): string[] {
  const source = readFileSync(file, "utf8");
  const found = [...source.matchAll(STATIC_IMPORT)].filter(
    (m) => !options.runtimeOnly || !/^\s*(?:import|export)\s+type\s/.test(m[0]),
  );
  if (options.dynamic) found.push(...source.matchAll(DYNAMIC_IMPORT));
  return found.map((m) => m[1] ?? "");
}

/** Every module `entry` loads, transitively: repository-relative paths and package names. */
export function importGraph(entry: string, options: ImportGraphOptions): Set<string> {
  const seen = new Set<string>();
  const walk = (file: string) => {
    const key = relative(process.cwd(), file);
    if (seen.has(key)) return;
    seen.add(key);
    for (const specifier of importsOf(file, options)) {
      if (specifier.startsWith(".")) walk(resolve(dirname(file), specifier.replace(/\.js$/, ".ts")));
      else seen.add(specifier);
    }
  };
  walk(resolve(entry));
  return seen;
}
