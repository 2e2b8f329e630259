import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EnvSchema } from "../../lib/config/env.js";
import { AiSummaryConfigSchema, ConfigSchema } from "../../lib/config/schema.js";

const readme = readFileSync("README.md", "utf8");

/** Rows of the configuration table: key → default cell. */
function configRows(): Map<string, string> {
  const rows = new Map<string, string>();
  for (const line of readme.split("\n")) {
    const match = /^\| `([a-z_.]+)`(?: [*_]new[*_])?\s*\| (.+?)\s*\|/.exec(line);
    if (match?.[1] && match[2]) rows.set(match[1], match[2].trim());
  }
  return rows;
}

const compact = (text: string) => text.replace(/\s+/g, "");

describe("README", () => {
  it("opens with the two commands", () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    expect(firstBlock).toContain("npm install && npm start");
    expect(firstBlock).toContain("npm test");
    expect(readme.indexOf("```sh")).toBeLessThan(40);
  });

  it("documents every config key with its real default, so the table cannot drift from the schema", () => {
    const rows = configRows();
    const defaults = ConfigSchema.parse({ categories: ["cs.LG"], keywords: ["x"] }) as Record<
      string,
      unknown
    >;
    const aiDefaults = defaults.ai_summary as Record<string, unknown>;
    const keys = [
      ...Object.keys(ConfigSchema.shape).filter((k) => k !== "ai_summary"),
      ...Object.keys(AiSummaryConfigSchema.shape).map((k) => `ai_summary.${k}`),
    ];
    for (const key of keys) {
      const cell = rows.get(key);
      expect(cell, `README config table lacks ${key}`).toBeDefined();
      const value = key.startsWith("ai_summary.") ? aiDefaults[key.slice(11)] : defaults[key];
      if (key === "categories" || key === "keywords" || value === undefined) {
        expect(cell).toMatch(/\(required\)|\(none\)/);
      } else {
        expect(compact(cell ?? ""), key).toBe(`\`${JSON.stringify(value)}\``);
      }
    }
    expect([...rows.keys()].sort()).toEqual(keys.sort());
  });

  it("documents every environment variable the service reads", () => {
    for (const name of Object.keys(EnvSchema.shape)) {
      if (["VERCEL", "VERCEL_ENV", "NODE_ENV"].includes(name)) continue;
      expect(readme, name).toContain(`\`${name}\``);
    }
  });

  it("has a Deploy button that clones this repository, provisions Upstash and asks for the secrets", () => {
    const button = /\(https:\/\/vercel\.com\/new\/clone\?([^)\s]+)\)/.exec(readme)?.[1];
    expect(button).toBeDefined();
    const params = new URLSearchParams(button);
    // The one place a fork writes its URL: the button, self-consistent (deployments on Vercel
    // name their own repository from Vercel's git variables, see tests/config).
    const repository = params.get("repository-url") ?? "";
    expect(repository).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/);
    expect(params.get("env")?.split(",")).toEqual(["CRON_SECRET", "OPENAI_API_KEY"]);
    expect(params.get("envDescription")).toContain("CRON_SECRET");
    expect(params.get("envLink")?.startsWith(`${repository}#`)).toBe(true);
    const products = JSON.parse(params.get("products") ?? "[]") as {
      integrationSlug: string;
      productSlug: string;
    }[];
    expect(products).toContainEqual(
      expect.objectContaining({ integrationSlug: "upstash", productSlug: "upstash-kv" }),
    );
  });
});
