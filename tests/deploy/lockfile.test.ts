import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/**
 * `npm ci` refuses a lock file that lacks an optional dependency of any platform, so a lock
 * written on one machine must still list what a Mac, Windows or musl machine installs.
 */
type LockEntry = { version?: string; optionalDependencies?: Record<string, string>; os?: string[] };
const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as {
  packages: Record<string, LockEntry>;
};
const pkg = JSON.parse(readFileSync("package.json", "utf8")) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** Where npm would look for `name` when it is required from the package at `from`. */
function resolves(from: string, name: string): boolean {
  let dir = from;
  for (;;) {
    if (lock.packages[`${dir ? `${dir}/` : ""}node_modules/${name}`]) return true;
    if (!dir) return false;
    const parent = dir.lastIndexOf("/node_modules/");
    dir = parent < 0 ? "" : dir.slice(0, parent);
  }
}

describe("package-lock.json", () => {
  it("lists every optional dependency of every locked package (all platforms)", () => {
    const missing: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) {
        if (!resolves(path, name)) missing.push(`${name} (for ${path || "the root"})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("has biome's binaries for macOS, Windows and Linux (glibc and musl, x64 and arm64)", () => {
    for (const platform of ["darwin-arm64", "darwin-x64", "win32-x64", "win32-arm64"]) {
      expect(lock.packages[`node_modules/@biomejs/cli-${platform}`], platform).toBeDefined();
    }
    for (const platform of ["linux-x64", "linux-arm64", "linux-x64-musl", "linux-arm64-musl"]) {
      expect(lock.packages[`node_modules/@biomejs/cli-${platform}`], platform).toBeDefined();
    }
  });

  it("pins the vercel CLI exactly (a range could pick a release whose natives are unpublished)", () => {
    expect(pkg.devDependencies.vercel).toMatch(/^\d+\.\d+\.\d+$/);
    expect(lock.packages["node_modules/vercel"]?.version).toBe(pkg.devDependencies.vercel);
  });
});
