import { z } from "zod";
import { splitList, textParam } from "../api/param-types.js";
import { MAX_PROFILE_ID_TEXT, PROFILE_ID_EXAMPLES, type ProfileId, parseProfileId } from "./profile-id.js";

/** Most papers one `like` or `dislike` list names. */
export const MAX_PROFILE_IDS = 50;

/** Longest comma-separated list, characters: 50 of the longest usual links (`…/pdf/2601.20273v12.pdf`). */
const MAX_PROFILE_LIST_TEXT = MAX_PROFILE_IDS * 48;

/** Characters of a refused item quoted back. */
const QUOTED_CHARS = 40;

const quote = (text: string) =>
  JSON.stringify(text.length > QUOTED_CHARS ? `${text.slice(0, QUOTED_CHARS)}…` : text);

/** One item of a list, read as a ProfileId; the error quotes it and shows good ones (`like (item 2) must be …`). */
const profileIdItem = () =>
  z.string().transform((text, ctx): ProfileId => {
    const parsed = parseProfileId(text);
    if (parsed) return parsed;
    ctx.issues.push({
      code: "custom",
      input: text,
      message: `must be an arXiv id or link, not ${quote(text)} (for example ${PROFILE_ID_EXAMPLES})`,
    });
    return z.NEVER;
  });

/** The first naming of each paper: `2601.20273v1` and `2601.20273v2` name one paper. */
function firstOfEach(ids: readonly ProfileId[]): ProfileId[] {
  const seen = new Set<string>();
  return ids.filter((paper) => !seen.has(paper.id) && Boolean(seen.add(paper.id)));
}

const listRules = (items: z.ZodType<ProfileId, string>) =>
  z
    .array(items)
    .min(1, { error: "must name at least one paper (comma-separated arXiv ids)" })
    .max(MAX_PROFILE_IDS, { error: `must name at most ${MAX_PROFILE_IDS} papers` });

/**
 * Query parameter `like=` / `dislike=`: comma-separated arXiv ids or links (at most 50, each
 * validated), read as ProfileIds, repeats of a paper dropped. A bad item is an issue at its
 * position whose message quotes it and shows what a good one looks like.
 */
export function profileIdsParam() {
  return textParam(MAX_PROFILE_LIST_TEXT)
    .transform(splitList)
    .pipe(listRules(profileIdItem()))
    .transform(firstOfEach)
    .describe(
      `Comma-separated arXiv ids or abs/pdf links of example papers (at most ${MAX_PROFILE_IDS}): 2601.20273,hep-ex/0101001v2`,
    );
}

/** `profile.like` / `profile.dislike` in config.json: an array of ids or links, as `profileIdsParam`. */
export function profileIdListSchema() {
  return z
    .array(
      z.string().max(MAX_PROFILE_ID_TEXT, { error: "is too long for an arXiv id" }).pipe(profileIdItem()),
    )
    .max(MAX_PROFILE_IDS, { error: `must name at most ${MAX_PROFILE_IDS} papers` })
    .transform(firstOfEach);
}
