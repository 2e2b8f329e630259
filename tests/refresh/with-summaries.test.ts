import { describe, expect, it } from "vitest";
import type { Summary } from "../../lib/model/summary.js";
import { withSummaries } from "../../lib/refresh/summary-candidates.js";
import { makePaper } from "../summary/fixtures.js";

const summary = (settingsId: string | undefined, tldr: string): Summary => ({
  model: "m",
  language: "en",
  tldr,
  sections: [],
  html: `<p>${tldr}</p>`,
  text: tldr,
  createdAt: "2026-01-29T15:00:00.000Z",
  ...(settingsId ? { settingsId } : {}),
});

describe("withSummaries", () => {
  const carried = makePaper(1, { summary: summary("old", "old one") });
  const current = makePaper(2, { summary: summary("now", "kept") });
  const legacy = makePaper(3, { summary: summary(undefined, "unstamped") });
  const bare = makePaper(4);

  it("keeps only summaries of today's settings, and puts this run's on their papers", () => {
    const fresh = new Map([["2604.00004v1", summary("now", "new one")]]);
    const out = withSummaries([carried, current, legacy, bare], fresh, "now");
    expect(out.map((p) => p.summary?.tldr)).toEqual([undefined, "kept", undefined, "new one"]);
    expect(out[0]).not.toHaveProperty("summary");
  });

  it("replaces a summary of other settings with this run's", () => {
    const fresh = new Map([["2604.00001v1", summary("now", "redone")]]);
    expect(withSummaries([carried], fresh, "now")[0]?.summary?.tldr).toBe("redone");
  });

  it("keeps every carried summary when summaries are off (no settings to compare)", () => {
    const out = withSummaries([carried, legacy], new Map(), undefined);
    expect(out.map((p) => p.summary?.tldr)).toEqual(["old one", "unstamped"]);
  });
});
