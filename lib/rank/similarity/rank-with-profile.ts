import type { KeywordMatch, Paper } from "../../model/paper.js";
import { type RankedPaper, RankedPaperSchema } from "../../model/snapshot.js";
import { dedupePapers } from "../dedupe.js";
import type { RankRules } from "../rank-papers.js";
import { compileRules, scorePaper } from "../score.js";
import { combinedScore, isRankable } from "./combine.js";
import { buildProfile, type ProfileModel, type ProfileText } from "./profile-rank.js";

export { type CloseTo, CloseToSchema } from "../../model/snapshot.js";

/**
 * A ranked paper with, under a profile, its similarity to the profile and its nearest liked
 * paper: the stored shape itself (`RankedPaperSchema` has both fields, optional), one definition.
 */
export const ProfileRankedPaperSchema = RankedPaperSchema;
export type ProfileRankedPaper = RankedPaper;

/** Example papers a reader named (resolved: id, title, abstract suffice); both empty means no profile. */
export interface Profile {
  likes: readonly ProfileText[];
  dislikes: readonly ProfileText[];
  /** Another similarity tried before the local one (embeddings); absent: the local one. */
  source?: SimilaritySource;
}

/**
 * A similarity other than the local tf-idf one (`lib/embeddings/`): the profile model of
 * `profile` over `candidates`, or undefined when it cannot score them all (the local one is used).
 */
export type SimilaritySource = (
  candidates: readonly Paper[],
  profile: Profile,
) => ProfileModel<Paper> | undefined;

export const NO_PROFILE: Profile = { likes: [], dislikes: [] };

/** A paper that may be ranked, before it is copied with its score (a week's window is thousands). */
interface Candidate extends Pick<Paper, "id" | "title" | "links"> {
  paper: Paper;
  score: number;
  matches: KeywordMatch[];
  similarity?: number;
}

/** Each paper's keyword score and similarity, for those that may be ranked at all and reach `minScore`. */
function candidates(
  papers: readonly Paper[],
  rules: RankRules,
  model: ProfileModel<Paper> | undefined,
  options: { reuse?: boolean },
): Candidate[] {
  const compiled = compileRules(rules.keywords, rules.exclude, rules.mode, options);
  const kept: Candidate[] = [];
  for (const paper of model?.pool ?? papers) {
    const similarity = model?.similarity(paper);
    const result = scorePaper(paper, compiled);
    if (result.excluded || !isRankable(result.matches.length > 0, similarity)) continue;
    const score = combinedScore(result.score, similarity);
    if (score < rules.minScore) continue;
    const { id, title, links } = paper;
    kept.push({ paper, id, title, links, score, matches: result.matches, similarity });
  }
  return kept;
}

/** Highest score first, ties newest arXiv id first: `byScoreThenId`'s order. */
const byScore = (a: Candidate, b: Candidate) => b.score - a.score || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * `rankPapers` with a profile: each paper's score is `combinedScore` of its keyword score and its
 * similarity; a paper is ranked when it matched a keyword or is similar to the profile (and no
 * exclusion hit it), then `minScore`, best first, deduplicated, at most `maxPapers`, each with
 * its nearest liked paper. The named papers are not ranked. With an empty profile the result
 * equals `rankPapers`'. Pure.
 */
export function rankWithProfile(
  papers: readonly Paper[],
  rules: RankRules,
  profile: Profile,
  options: { reuse?: boolean } = {},
): ProfileRankedPaper[] {
  const hasProfile = profile.likes.length > 0 || profile.dislikes.length > 0;
  const model = hasProfile
    ? (profile.source?.(papers, profile) ?? buildProfile(papers, profile.likes, profile.dislikes))
    : undefined;
  const kept = candidates(papers, rules, model, options).sort(byScore);
  const unique = rules.dedupe.length ? dedupePapers(kept, rules.dedupe, rules.maxPapers) : kept;
  return unique.slice(0, rules.maxPapers).map(({ paper, score, matches, similarity }) => {
    const ranked: ProfileRankedPaper = { ...paper, score, matches };
    if (similarity === undefined || !model) return ranked;
    ranked.similarity = similarity;
    const closeTo = model.nearest(paper);
    if (closeTo) ranked.closeTo = closeTo;
    return ranked;
  });
}
