/**
 * `node lib/cli/run-bundled.mjs lib/cli/refresh.ts`: runs a short-lived command-line entry point
 * from an esbuild bundle of it, built on first use and again whenever one of its sources changes,
 * in the ignored `node_modules/.cache/arxiv-feeds/`. Plain JavaScript because it runs before
 * anything can load TypeScript: Node 20 cannot strip types, and tsx costs a second Node process
 * (its launcher) and a transform hook on every module load, together more CPU than the refresh's
 * own work besides fetch and parse (issue 13, item 6). Packages stay in node_modules; chunks are
 * split at dynamic imports, so what a run imports on demand (the summariser) still loads only
 * when used. Should esbuild be missing or the build fail, the entry point runs through tsx.
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, extname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CACHE = join(ROOT, "node_modules", ".cache", "arxiv-feeds");
/** Changes with the build options below: a bundle built with others is rebuilt. */
const BUILD_ID = "esm-split-node20-maps-1";
/** Besides the sources esbuild reads: what changes how they are compiled. */
const SETTINGS_FILES = ["tsconfig.json", "package.json"];
/** Bundles kept per entry point besides the current one: a run still loading chunks from an older one keeps it. */
const KEEP_OLD = 8;

/**
 * What identifies one version of a file without reading it: modification and change times
 * (nanoseconds) and size; undefined when it is gone. Taken before the file is read, so an edit
 * during a build shows as a change on the next run. Compared only with itself, never with a clock.
 */
function stamp(path) {
  try {
    const { mtimeNs, ctimeNs, size } = statSync(join(ROOT, path), { bigint: true });
    return `${mtimeNs}:${ctimeNs}:${size}`;
  } catch {
    return undefined;
  }
}

/** The bundle recorded in `pointerFile`, when it was built with these options from the sources as they are now. */
function freshBundle(pointerFile) {
  let pointer;
  try {
    pointer = JSON.parse(readFileSync(pointerFile, "utf8"));
  } catch {
    return undefined;
  }
  if (pointer?.buildId !== BUILD_ID || typeof pointer.out !== "string") return undefined;
  for (const [path, recorded] of Object.entries(pointer.inputs ?? {})) {
    if (stamp(path) !== recorded) return undefined;
  }
  const out = join(CACHE, pointer.out);
  return existsSync(out) ? out : undefined;
}

const LOADERS = { ".ts": "ts", ".mts": "ts", ".cts": "ts", ".json": "json" };

/** An esbuild plugin that stamps each source file just before it is read. */
function stamping(inputs) {
  return {
    name: "stamp-sources",
    setup(build) {
      build.onLoad({ filter: /\.(?:[cm]?[jt]s|json)$/ }, ({ path }) => {
        inputs[relative(ROOT, path)] = stamp(relative(ROOT, path));
        return { contents: readFileSync(path, "utf8"), loader: LOADERS[extname(path)] ?? "js" };
      });
    },
  };
}

/** Builds `entry` into a folder of its own, records it in `pointerFile`, and returns its entry file. */
async function buildBundle(entry, name, pointerFile) {
  const { build } = await import("esbuild");
  const inputs = Object.fromEntries(SETTINGS_FILES.map((path) => [path, stamp(path)]));
  const dir = `${name}-${Date.now().toString(36)}-${process.pid}`;
  await build({
    absWorkingDir: ROOT,
    entryPoints: { [name]: entry },
    outdir: join(CACHE, dir),
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    sourcemap: "linked",
    logLevel: "silent",
    plugins: [stamping(inputs)],
  });
  const out = join(dir, `${name}.js`);
  const temp = `${pointerFile}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify({ buildId: BUILD_ID, out, inputs }));
  renameSync(temp, pointerFile);
  removeOld(name);
  return join(CACHE, out);
}

/** Removes this entry's bundles but the newest KEEP_OLD + 1 (ordered by their folders' times, not by a clock). */
function removeOld(name) {
  const dirs = readdirSync(CACHE, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name.startsWith(`${name}-`))
    .map((d) => join(CACHE, d.name))
    .map((path) => ({ path, time: statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
    .sort((a, b) => b.time - a.time);
  for (const { path } of dirs.slice(KEEP_OLD + 1)) rmSync(path, { recursive: true, force: true });
}

/** The bundle of `entry` to run, or undefined when it cannot be built here. */
async function bundleOf(entry) {
  const name = basename(entry).replace(/\.[cm]?ts$/, "");
  const pointerFile = join(CACHE, `${name}.json`);
  const fresh = freshBundle(pointerFile);
  if (fresh) return fresh;
  try {
    mkdirSync(CACHE, { recursive: true });
    return await buildBundle(entry, name, pointerFile);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    console.error(`run-bundled: no bundle of ${entry} (${reason}); running it through tsx`);
    return undefined;
  }
}

const entry = process.argv[2];
if (!entry) {
  console.error("usage: node lib/cli/run-bundled.mjs <entry point, e.g. lib/cli/refresh.ts>");
  process.exit(2);
}
const bundle = await bundleOf(entry);
if (bundle) {
  // Stack traces name the TypeScript sources and lines, as they did under tsx.
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(join(ROOT, entry)).href);
}
