/**
 * One cold start, run by bench/cold-start.ts in a fresh Node process:
 * `node [--import tsx] bench/cold-start-child.mjs <module> <path>` imports the function module
 * (TypeScript under tsx, or an esbuild bundle), answers one GET of `path` with it, reads the body
 * and prints one JSON line: when the script began (process start to here: Node's bootstrap, and
 * tsx's registration when loaded), the import and the first request, ms. Plain JavaScript so the
 * bundled runs load no TypeScript tooling at all.
 */

import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const began = performance.now();
const [file, path] = process.argv.slice(2);
const beforeImport = performance.now();
const handlers = await import(pathToFileURL(resolve(file)).href);
const imported = performance.now();
const response = await handlers.GET(new Request(`http://localhost${path}`));
const body = await response.arrayBuffer();
const answered = performance.now();
console.log(
  JSON.stringify({
    beganMs: began,
    importMs: imported - beforeImport,
    requestMs: answered - imported,
    status: response.status,
    bytes: body.byteLength,
  }),
);
