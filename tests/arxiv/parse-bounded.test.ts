import { describe, expect, it } from "vitest";
import { parseArxivFeed } from "../../lib/arxiv/parse.js";
import { readFixture } from "../helpers/fixtures.js";

const rdf = readFixture("arxiv", "real", "rdf-old-export-hep-ex-2021-07-08.xml");

/** The RDF fixture with its first item's title suffix replaced by `suffix`. */
const withSuffix = (suffix: string) => rdf.replace(/\(arXiv:[^<]*\)<\/title>/, `${suffix}</title>`);

/** Fastest of three runs, ms, of parsing `xml`. */
function fastest(xml: string): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    parseArxivFeed(xml);
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

describe("the feed parsers' patterns are linear", () => {
  it("an old-feed title suffix with a long run of spaces costs what letters of its length do", () => {
    const spaces = " ".repeat(60_000);
    const hostile = withSuffix(`(arXiv:2107.03419v1 [hep-ex] A${spaces}x`);
    const normal = withSuffix(`(arXiv:2107.03419v1 [hep-ex] A${"y".repeat(60_000)}x`);
    // Generous: both parse the same document size; the old pattern was quadratic in the run.
    expect(fastest(hostile)).toBeLessThan(20 * fastest(normal));
    const parsed = parseArxivFeed(withSuffix("(arXiv:2107.03419v1 [hep-ex] CROSS LISTED   )"));
    expect(parsed.ok && parsed.feed.papers[0]?.announceType).toBe("cross");
  });
});
