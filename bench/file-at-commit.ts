/**
 * Runs a child process with one source file swapped for its version at a git commit, everything
 * else as in the working tree, so a bench can measure "before" and "after" a change in one run:
 *
 *   const before = fileAtCommit("7963dd8", "lib/store/upstash.ts");
 *   fork(script, [], { execArgv: ["--import", "tsx", ...before.execArgv] });
 *   before.cleanup();
 *
 * The old text is written under node_modules/.cache (so its package imports resolve), its
 * relative imports pointed back at the working tree's files, and a module resolve hook sends
 * every import of the file there instead.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

export interface FileAtCommit {
  /** Node options for the child, after `--import tsx`. */
  execArgv: string[];
  /** Removes the old copy. */
  cleanup(): void;
}

/** The module resolve hook: imports resolving to `from` go to `to` (query strings ignored). */
const hookSource = (from: string, to: string) => `
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  return resolved.url.split("?")[0] === ${JSON.stringify(from)} ? { ...resolved, url: ${JSON.stringify(to)} } : resolved;
}`;

const dataUrl = (source: string) => `data:text/javascript,${encodeURIComponent(source)}`;

/** Prepares `file` (a path in the repository, e.g. `lib/store/upstash.ts`) as it was at `commit`. */
export function fileAtCommit(commit: string, file: string): FileAtCommit {
  const old = execFileSync("git", ["show", `${commit}:${file}`], { encoding: "utf8" });
  const folder = resolve("node_modules/.cache", `axf-at-${commit}-${process.pid}`);
  mkdirSync(folder, { recursive: true });
  const copy = join(folder, basename(file));
  const here = resolve(dirname(file));
  // `./x.js` in the old file means the working tree's `x.ts` beside the original.
  const text = old.replace(
    /from "\.\/([^"]+)\.js"/g,
    (_, name: string) => `from "${join(here, `${name}.ts`)}"`,
  );
  writeFileSync(copy, text);
  const hook = hookSource(pathToFileURL(resolve(file)).href, pathToFileURL(copy).href);
  const register = `import { register } from "node:module"; register(${JSON.stringify(dataUrl(hook))});`;
  return {
    execArgv: ["--import", dataUrl(register)],
    cleanup: () => rmSync(folder, { recursive: true, force: true }),
  };
}
