import type { CategoryAnnouncement } from "../arxiv/fetch-announcements.js";
import type { Config } from "../config/schema.js";
import { feedNames } from "../model/feeds.js";
import { latest } from "../model/latest.js";
import { mergeById } from "../model/merge-by-id.js";
import type { Paper } from "../model/paper.js";
import { ALL_FEED, type FeedSnapshot, type PoolSnapshot, type RankedPaper } from "../model/snapshot.js";
import { admits } from "../rank/feed-membership.js";
import { mergeHistory } from "../rank/merge-history.js";
import { type RankRules, scoreOne, selectRanked } from "../rank/rank-papers.js";
import { membershipRulesFrom, rankRulesFrom, retentionRulesFrom } from "../rank/rules-from-config.js";
import { compileRules } from "../rank/score.js";
import { rankWithProfile } from "../rank/similarity/rank-with-profile.js";
import { lagsOf } from "./feed-lags.js";
import type { RefreshProfile } from "./refresh-profile.js";

/** A feed rebuilt by this refresh. */
export interface BuiltFeed {
  snapshot: FeedSnapshot;
  /** The day's pool; `announced` is always set (the pool's day). */
  pool: PoolSnapshot & { announced: string };
  /** Papers arXiv listed for this feed's categories. */
  parsed: number;
}

export interface BuildFeedsInput {
  config: Config;
  announcements: Readonly<Record<string, CategoryAnnouncement>>;
  previous: ReadonlyMap<string, FeedSnapshot | null>;
  version: string;
  generatedAt: string;
  /** Announcement date to use when arXiv's feed does not say (`YYYY-MM-DD`). */
  fallbackDate: string;
  /** config.json's `profile` as this run resolved it: the feeds are ranked by it too. */
  profile?: RefreshProfile;
}

/** The fetched announcement a feed is built from; `all` combines every category that worked. */
function sourceOf(
  name: string,
  announcements: BuildFeedsInput["announcements"],
): CategoryAnnouncement | undefined {
  if (name !== ALL_FEED) return announcements[name];
  const ok = Object.values(announcements).filter(
    (a): a is Exclude<CategoryAnnouncement, { status: "error" }> => a.status === "ok",
  );
  const first = ok[0];
  if (!first) return undefined;
  const papers = mergeById(
    ok.map((a) => a.papers),
    { keep: "first" },
  );
  const announced = latest(ok.map((a) => a.announced));
  return { ...first, papers, announced };
}

/**
 * The day's papers of one feed as it publishes them: by the configured keywords, and with a
 * profile by `rankWithProfile` over the feed's day (its idf), each paper's similarity added to
 * its keyword score and its nearest liked paper kept to explain it.
 */
function selectForFeed(
  admitted: readonly RankedPaper[],
  rules: RankRules,
  profile: RefreshProfile | undefined,
): RankedPaper[] {
  if (!profile || (profile.likes.length === 0 && profile.dislikes.length === 0))
    return selectRanked(admitted, rules);
  return rankWithProfile(admitted, rules, profile);
}

/**
 * Builds the snapshots of every feed whose source arXiv answered with an announcement. Feeds
 * whose fetch failed or was empty are left out, so the caller keeps what the store has. Pure.
 */
export function buildFeeds(input: BuildFeedsInput): Map<string, BuiltFeed> {
  const { config } = input;
  const membership = membershipRulesFrom(config);
  // The pool always holds cross-lists, so a personal feed can ask for them (`cross_lists=1`)
  // whatever the configured feeds show.
  const poolMembership = { ...membership, includeCrossLists: true };
  const rules = rankRulesFrom(config);
  const compiled = compileRules(rules.keywords, rules.exclude, rules.mode);
  const built = new Map<string, BuiltFeed>();
  // A paper's score does not depend on the feed: score each parsed paper once, however many
  // feeds list it (keyed by the object, as per-category fetches parse a paper once per feed).
  const scores = new WeakMap<Paper, RankedPaper>();
  const scored = (paper: Paper) => {
    let result = scores.get(paper);
    if (!result) {
      result = scoreOne(paper, compiled);
      scores.set(paper, result);
    }
    return result;
  };

  for (const name of feedNames(config)) {
    const source = sourceOf(name, input.announcements);
    if (source?.status !== "ok") continue;
    const candidates = source.papers.filter((paper) => admits(name, paper, poolMembership)).map(scored);
    const admitted = candidates.filter((paper) => admits(name, paper, membership));
    const today = source.announced ?? input.fallbackDate;
    const previous = input.previous.get(name)?.papers ?? [];
    const selected = selectForFeed(admitted, rules, input.profile);
    const papers = mergeHistory(previous, selected, today, retentionRulesFrom(config));

    // The day's every candidate paper, scored under the configured rules (0 when nothing
    // matched), with the summary the feed keeps for that version, so a personal feed can re-rank
    // the whole window without another fetch.
    const kept = new Map(papers.map((p) => [p.id, p]));
    const pool: RankedPaper[] = candidates.map((paper) => {
      const summary = kept.get(paper.id)?.summary;
      return summary && kept.get(paper.id)?.version === paper.version ? { ...paper, summary } : paper;
    });

    const meta = {
      version: input.version,
      generatedAt: input.generatedAt,
      name,
      announced: papers[0]?.announced ?? today,
      sourceBuiltAt: source.builtAt,
    };
    const behind = lagsOf(name, config, input.announcements);
    const profileMissing = input.profile && { profileMissing: input.profile.missing };
    built.set(name, {
      snapshot: { ...meta, papers, ...(behind.length ? { behind } : {}), ...profileMissing },
      pool: { ...meta, announced: today, papers: pool },
      parsed: admitted.length,
    });
  }
  return built;
}
