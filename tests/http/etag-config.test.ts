import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resetSettings } from "../../lib/config/settings.js";
import { validatorsFor } from "../../lib/http/conditional.js";

const original = process.env.CONFIG_PATH;
afterAll(() => {
  if (original === undefined) delete process.env.CONFIG_PATH;
  else process.env.CONFIG_PATH = original;
  resetSettings();
});

const withKeywords = (keywords: string[]) => {
  const path = join(mkdtempSync(join(tmpdir(), "axf-etag-")), "config.json");
  writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync("config.json", "utf8")), keywords }));
  process.env.CONFIG_PATH = path;
  resetSettings();
  return validatorsFor("v1", "rss\ncs.LG", new Date(0)).etag;
};

describe("ETags and the deployment's configuration", () => {
  it("change when config.json changes, so a redeploy is not answered 304 with old bytes", () => {
    const a = withKeywords(["LLM"]);
    expect(withKeywords(["LLM"])).toBe(a);
    expect(withKeywords(["LLM", "MoE"])).not.toBe(a);
  });
});
