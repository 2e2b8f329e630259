import { describe, expect, it } from "vitest";
import { validatorsFor } from "../../lib/http/conditional.js";
import { repositoryConfig, testSettings } from "./read-test-deps.js";

const withKeywords = (keywords: string[]) =>
  validatorsFor(testSettings({ ...repositoryConfig(), keywords }), "v1", "rss\ncs.LG", new Date(0)).etag;

describe("ETags and the deployment's configuration", () => {
  it("change when config.json changes, so a redeploy is not answered 304 with old bytes", () => {
    const a = withKeywords(["LLM"]);
    expect(withKeywords(["LLM"])).toBe(a);
    expect(withKeywords(["LLM", "MoE"])).not.toBe(a);
  });
});
