/** What identifies an embedded text: a paper version (a new version may have a new abstract). */
export interface VersionedPaper {
  id: string;
  version: number;
}

/** `2601.20273v2`: the key of a paper version's vector in every set and cache. */
export const versionKey = (paper: VersionedPaper): string => `${paper.id}v${paper.version}`;

/** Characters of a paper's text sent to the endpoint: a long abstract is ~2,000, under 1,000 tokens. */
const MAX_TEXT_CHARS = 4000;

/** The text a paper is embedded from: its title and abstract, as similarity reads them. */
export const paperText = (paper: { title: string; abstract: string }): string =>
  `${paper.title}\n\n${paper.abstract}`.slice(0, MAX_TEXT_CHARS);
