/*
 * The one formula that makes a rank score of a keyword score and a profile similarity:
 *
 *     score = keywordScore + SIMILARITY_POINTS × similarity        (with a profile)
 *     score = keywordScore                                         (without one: today's score)
 *
 * `keywordScore` is `scorePaper`'s (+1 per keyword found, +0.5 more in the title); `similarity`
 * is the paper's cosine with the reader's profile less DISLIKE_WEIGHT times its cosine with the
 * dislikes (`profileScores`), −1–1. So `min_score` keeps its meaning in keyword points: a
 * similarity of 0.25 is worth 2.5 points, as much as one keyword in the title and one more in the
 * abstract. Without keywords, every keyword score is 0 and the similarity alone ranks; a paper
 * close to the dislikes loses points.
 */

/**
 * Rank-score points per unit of similarity. Measured by bench/relevance.ts (5 liked papers,
 * titles and 300-character abstracts), a profile's 1st, 10th and 20th closest papers have
 * similarities of about 0.3, 0.19 and 0.10 (the 10 feedback papers, folded into the profile, sit
 * above the drop between ranks 10 and 20), and papers sharing no weighted word with the profile
 * 0: the closest papers earn what one to three keyword matches do. Not tuned on the bench: with
 * config.json's 30 keywords the keyword points still decide most of a combined ranking.
 */
export const SIMILARITY_POINTS = 10;

/** A paper's rank score: its keyword score, plus SIMILARITY_POINTS per unit of similarity when a profile is given. */
export function combinedScore(keywordScore: number, similarity: number | undefined): number {
  return similarity === undefined ? keywordScore : keywordScore + SIMILARITY_POINTS * similarity;
}

/**
 * Whether a paper that no exclusion hit may be ranked at all (before `min_score`): it matched a
 * keyword, as today, or it is closer to the profile than to nothing.
 */
export function isRankable(matchedKeyword: boolean, similarity: number | undefined): boolean {
  return matchedKeyword || (similarity !== undefined && similarity > 0);
}
