import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { parseArxivFeed } from "../lib/arxiv/parse.js";
import { parseConfig } from "../lib/config/settings.js";
import type { Paper } from "../lib/model/paper.js";
import { ALL_FEED } from "../lib/model/snapshot.js";
import { admits } from "../lib/rank/feed-membership.js";
import { rankPapers } from "../lib/rank/rank-papers.js";
import { membershipRulesFrom, rankRulesFrom } from "../lib/rank/rules-from-config.js";
import { fixturePath } from "../tests/helpers/fixtures.js";
import type { BenchContext } from "./context.js";
import { median, ms, timeSync, times } from "./stats.js";

/** The full-size fixture day: every category of the reference config in one combined feed. */
export const COMBINED_FIXTURE = fixturePath("arxiv", "daily", "rss-cs.AI+cs.CL+cs.DC+cs.LG.xml");
const PYTHON = "/usr/bin/python3";

export interface ParseRankOptions {
  /** Warm iterations of each timed function (interleaved, median reported). */
  iterations?: number;
  /** Iterations inside python (0 skips feedparser). */
  pythonIterations?: number;
  file?: string;
}

export interface ParseRankResult {
  items: number;
  ranked: number;
  /** Medians, ms. */
  bareParseMs: number;
  parseRankMs: number;
  parseMs: number;
  rankMs: number;
  /** rankPapers with `match_mode: substring` (the reference's rule), for comparison. */
  rankSubstringMs: number;
  validateMs: number;
  feedparserMs: number | undefined;
  feedparserNote: string | undefined;
}

const PY_SCRIPT = `
import json, statistics, sys, time
try:
    import feedparser
except ImportError:
    print(json.dumps({"error": "feedparser is not installed"})); sys.exit(0)
data = open(sys.argv[1], "rb").read()
n = int(sys.argv[2])
d = feedparser.parse(data)
times = []
for _ in range(n):
    t = time.perf_counter(); d = feedparser.parse(data); times.append((time.perf_counter() - t) * 1000)
print(json.dumps({"median_ms": statistics.median(times), "entries": len(d.entries), "bozo": bool(d.bozo),
                  "version": feedparser.__version__}))
`;

/** Median ms of feedparser parsing the file, measured inside python (start-up excluded). */
function feedparserMedian(file: string, iterations: number): { ms?: number; note: string } {
  if (!existsSync(PYTHON)) return { note: `${PYTHON} not found` };
  const run = spawnSync(PYTHON, ["-c", PY_SCRIPT, file, String(iterations)], {
    encoding: "utf8",
    timeout: 300_000,
  });
  if (run.status !== 0)
    return { note: `python failed: ${(run.stderr || run.error?.message || "").slice(0, 200)}` };
  const out = JSON.parse(run.stdout.trim()) as {
    error?: string;
    median_ms?: number;
    entries?: number;
    bozo?: boolean;
    version?: string;
  };
  if (out.error || out.median_ms === undefined) return { note: out.error ?? "no result" };
  return {
    ms: out.median_ms,
    note: `feedparser ${out.version}, ${out.entries} entries, bozo ${out.bozo}, median of ${iterations} in-process`,
  };
}

/**
 * Issue 2's figure: parse (`parseArxivFeed`) + rank (`rankPapers` with config.json's rules) of the
 * combined fixture against a bare `new XMLParser().parse()` of the same text, interleaved in
 * this process; a breakdown (parse alone, rank alone, the validator pass); and python feedparser.
 */
export async function benchParseRank(
  ctx: BenchContext,
  options: ParseRankOptions = {},
): Promise<ParseRankResult> {
  const section = "1. Parse + rank";
  const file = options.file ?? COMBINED_FIXTURE;
  const iterations = options.iterations ?? (ctx.quick ? 5 : 30);
  const pythonIterations = options.pythonIterations ?? (ctx.quick ? 2 : 10);
  const xml = readFileSync(file, "utf8");
  const config = parseConfig(readFileSync(resolve("config.json"), "utf8"));
  const rules = rankRulesFrom(config);
  const membership = membershipRulesFrom(config);
  // As the refresh does (and the reference's rule 1): only the announcements a feed admits are
  // scored; replacements never are. The combined feed's papers go into `all`.
  const rank = (list: readonly Paper[], rankRules = rules) =>
    rankPapers(
      list.filter((paper) => admits(ALL_FEED, paper, membership)),
      rankRules,
    );

  let papers: readonly Paper[] = [];
  let ranked = 0;
  const bare = () => new XMLParser().parse(xml);
  const parse = () => {
    const outcome = parseArxivFeed(xml);
    if (!outcome.ok) throw outcome.error;
    return outcome.feed.papers;
  };
  const parseRank = () => {
    papers = parse();
    ranked = rank(papers).length;
  };

  // Warm up the JIT on every path before timing.
  for (let i = 0; i < 3; i++) {
    bare();
    parseRank();
  }
  const bareTimes: number[] = [];
  const parseRankTimes: number[] = [];
  for (let i = 0; i < iterations; i++) {
    bareTimes.push(timeSync(bare));
    parseRankTimes.push(timeSync(parseRank));
  }
  const breakdown = Math.max(3, Math.ceil(iterations / 2));
  const parseTimes: number[] = [];
  const rankTimes: number[] = [];
  const validateTimes: number[] = [];
  const substringTimes: number[] = [];
  const substringRules = { ...rules, mode: "substring" as const };
  for (let i = 0; i < breakdown; i++) {
    parseTimes.push(timeSync(parse));
    rankTimes.push(timeSync(() => rank(papers)));
    substringTimes.push(timeSync(() => rank(papers, substringRules)));
    validateTimes.push(timeSync(() => XMLValidator.validate(xml)));
  }

  const result: ParseRankResult = {
    items: papers.length,
    ranked,
    bareParseMs: median(bareTimes),
    parseRankMs: median(parseRankTimes),
    parseMs: median(parseTimes),
    rankMs: median(rankTimes),
    rankSubstringMs: median(substringTimes),
    validateMs: median(validateTimes),
    feedparserMs: undefined,
    feedparserNote: undefined,
  };
  const bareText = `bare XMLParser.parse ${ms(result.bareParseMs)}`;
  const ratio = result.parseRankMs / result.bareParseMs;
  ctx.record({
    section,
    name: `parse+rank, ${result.items} items → the admitted new papers scored → ${ranked} ranked (median of ${iterations})`,
    value: ms(result.parseRankMs),
    baseline: bareText,
    ratio: times(ratio),
    goal: "≤ 1.5×",
    met: ratio <= 1.5,
  });
  ctx.record({
    section,
    name: `breakdown: parseArxivFeed alone (median of ${breakdown})`,
    value: ms(result.parseMs),
    baseline: bareText,
    ratio: times(result.parseMs / result.bareParseMs),
  });
  ctx.record({
    section,
    name: `breakdown: rankPapers alone (config.json rules, match_mode ${rules.mode})`,
    value: ms(result.rankMs),
    baseline: bareText,
    ratio: times(result.rankMs / result.bareParseMs),
  });
  ctx.record({
    section,
    name: "breakdown: rankPapers alone, match_mode substring (the reference's rule)",
    value: ms(result.rankSubstringMs),
    baseline: bareText,
    ratio: times(result.rankSubstringMs / result.bareParseMs),
  });
  ctx.record({
    section,
    name: "breakdown: XMLValidator.validate pass alone (inside parseArxivFeed)",
    value: ms(result.validateMs),
    baseline: bareText,
    ratio: times(result.validateMs / result.bareParseMs),
  });

  if (pythonIterations > 0) {
    const py = feedparserMedian(file, pythonIterations);
    result.feedparserMs = py.ms;
    result.feedparserNote = py.note;
    const speedup = py.ms === undefined ? Number.NaN : py.ms / result.parseRankMs;
    ctx.record({
      section,
      name: "parse+rank vs python3 feedparser.parse (speed-up)",
      value: ms(result.parseRankMs),
      baseline: py.ms === undefined ? "n/a" : `feedparser ${ms(py.ms)}`,
      ratio: py.ms === undefined ? undefined : `${times(speedup)} faster`,
      goal: "≥ 4× faster",
      met: py.ms === undefined ? undefined : speedup >= 4,
      note: py.note,
    });
    if (py.ms !== undefined) {
      ctx.record({
        section,
        name: "parseArxivFeed alone vs python3 feedparser.parse (speed-up)",
        value: ms(result.parseMs),
        baseline: `feedparser ${ms(py.ms)}`,
        ratio: `${times(py.ms / result.parseMs)} faster`,
      });
    }
  }
  return result;
}
