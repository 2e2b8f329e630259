/**
 * `node lib/cli/run-bundled.mjs <entry.ts>`, what `npm run refresh` runs (issue 13, item 6): a
 * TypeScript entry point runs from an esbuild bundle cached in node_modules/.cache, rebuilt when
 * a source changes, split at dynamic imports, with stack traces that name the sources; a source
 * esbuild cannot build falls back to tsx. Each test run uses entry points of its own name under
 * tests/.tmp and removes their bundles after.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CACHE = "node_modules/.cache/arxiv-feeds";
const name = `bundled-probe-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
const dir = join("tests/.tmp", name);
const entry = join(dir, `${name}.ts`);

function writeSources(greeting: string): void {
  writeFileSync(
    join(dir, "helper.ts"),
    `type Greeting = { text: string };\nexport const greeting: Greeting = { text: ${JSON.stringify(greeting)} };\n` +
      `export function fail(): never {\n  throw new Error("failed in helper");\n}\n`,
  );
}

beforeAll(() => {
  mkdirSync(dir, { recursive: true });
  writeSources("hello");
  writeFileSync(
    entry,
    [
      `import { fail, greeting } from "./helper.js";`,
      `const mode: string | undefined = process.argv[3];`,
      `if (mode === "fail") fail();`,
      `if (mode === "lazy") await import("./lazy.js");`,
      `console.log("says " + greeting.text);`,
      "",
    ].join("\n"),
  );
  writeFileSync(
    join(dir, "lazy.ts"),
    `import { Marked } from "marked";\nconsole.log("lazy", typeof Marked);\n`,
  );
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  for (const file of existsSync(CACHE) ? readdirSync(CACHE) : []) {
    if (file.startsWith(name)) rmSync(join(CACHE, file), { recursive: true, force: true });
  }
});

async function run(script: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ["lib/cli/run-bundled.mjs", script, ...args],
      { encoding: "utf8" },
    );
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
  }
}

interface Pointer {
  out: string;
  inputs: Record<string, string>;
}
const pointer = (): Pointer => JSON.parse(readFileSync(join(CACHE, `${name}.json`), "utf8")) as Pointer;

describe("run-bundled.mjs", () => {
  it("runs the entry point from a bundle that records every source it was built from", async () => {
    const result = await run(entry);
    expect(result).toEqual({ code: 0, output: "says hello\n" });
    const { out, inputs } = pointer();
    expect(existsSync(join(CACHE, out))).toBe(true);
    expect(Object.keys(inputs)).toEqual(
      expect.arrayContaining([entry, join(dir, "helper.ts"), "tsconfig.json", "package.json"]),
    );
  }, 60_000);

  it("runs the same bundle again while no source changed, and a new one once a source did", async () => {
    const first = pointer().out;
    expect((await run(entry)).output).toBe("says hello\n");
    expect(pointer().out).toBe(first);
    writeSources("hello again");
    expect((await run(entry)).output).toBe("says hello again\n");
    expect(pointer().out).not.toBe(first);
  }, 60_000);

  it("builds again when the recorded bundle was removed", async () => {
    const removed = pointer().out;
    rmSync(join(CACHE, removed, ".."), { recursive: true, force: true });
    expect((await run(entry)).output).toBe("says hello again\n");
    expect(pointer().out).not.toBe(removed);
    expect(existsSync(join(CACHE, pointer().out))).toBe(true);
  }, 60_000);

  it("leaves a dynamic import's packages out of the entry's file, and loads them when it runs", async () => {
    const result = await run(entry, "lazy");
    expect(result.output).toBe("lazy function\nsays hello again\n");
    const main = readFileSync(join(CACHE, pointer().out), "utf8");
    expect(main).not.toMatch(/from\s*"marked"/);
    const chunks = readdirSync(join(CACHE, pointer().out, "..")).filter((file) => file.endsWith(".js"));
    const lazy = chunks.map((file) => readFileSync(join(CACHE, pointer().out, "..", file), "utf8"));
    expect(lazy.some((text) => /from\s*"marked"/.test(text))).toBe(true);
  }, 60_000);

  it("names the TypeScript source and line of an error, as tsx did", async () => {
    const result = await run(entry, "fail");
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("failed in helper");
    expect(result.output).toContain(`${join(dir, "helper.ts")}:4:`);
  }, 60_000);

  it("runs a source esbuild cannot build through tsx, which reports the error", async () => {
    const broken = join(dir, `${name}-broken.ts`);
    writeFileSync(broken, "const x: number = ;\n");
    const result = await run(broken);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain(broken);
    expect(existsSync(join(CACHE, `${name}-broken.json`))).toBe(false);
  }, 60_000);

  it("says how to call it without an entry point", async () => {
    const result = await promisify(execFile)(process.execPath, ["lib/cli/run-bundled.mjs"]).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(result).toMatchObject({ code: 2, stderr: expect.stringContaining("usage:") });
  });
});
