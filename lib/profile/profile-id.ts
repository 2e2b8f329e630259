/** A paper a reader names ("more like this"): its arXiv id and, when given, the version. */
export interface ProfileId {
  /** Canonical id without version: `2601.20273`, or old-style `hep-ex/0101001` (no subject class). */
  id: string;
  /** The `N` of a `vN` suffix, when the text carried one. */
  version?: number;
}

/** Longest text read as one id, characters: the longest accepted link is under 80. */
export const MAX_PROFILE_ID_TEXT = 200;

/** How a valid id looks, for error messages. */
export const PROFILE_ID_EXAMPLES =
  "2601.20273, 2601.20273v2, arXiv:2601.20273, hep-ex/0101001 or https://arxiv.org/abs/2601.20273";

/**
 * arXiv's archives of the old scheme (before April 2007), the only ones an old-style id can name:
 * the API refuses others as malformed, and one refused id fails its whole batch.
 */
const OLD_ARCHIVES = new Set([
  "acc-phys",
  "adap-org",
  "alg-geom",
  "ao-sci",
  "astro-ph",
  "atom-ph",
  "bayes-an",
  "chao-dyn",
  "chem-ph",
  "cmp-lg",
  "comp-gas",
  "cond-mat",
  "cs",
  "dg-ga",
  "funct-an",
  "gr-qc",
  "hep-ex",
  "hep-lat",
  "hep-ph",
  "hep-th",
  "math",
  "math-ph",
  "mtrl-th",
  "nlin",
  "nucl-ex",
  "nucl-th",
  "patt-sol",
  "physics",
  "plasm-ph",
  "q-alg",
  "q-bio",
  "quant-ph",
  "solv-int",
  "stat",
  "supr-con",
]);

// Every pattern is anchored and its repeated parts are separated by a literal, so matching is linear.
const LINK_PREFIX = /^(?:https?:\/\/)?(?:www\.|export\.)?arxiv\.org\/(abs|pdf|html)\//i;
const NEW_STYLE = /^(\d{2})(\d{2})\.(\d{4,5})(?:v([1-9]\d{0,5}))?$/;
// `math.GT/0309136`, `cond-mat.mes-hall/0211022`: the subject class is dropped in the canonical id.
const OLD_STYLE =
  /^([a-z]+(?:-[a-z]+)*)(?:\.[A-Za-z]+(?:-[A-Za-z]+)*)?\/(\d{2})(\d{2})(\d{3})(?:v([1-9]\d{0,5}))?$/;

const versionOf = (text: string | undefined) => (text === undefined ? {} : { version: Number(text) });
const validMonth = (mm: string) => mm >= "01" && mm <= "12";

/** New scheme: from 0704; four-digit numbers until 1412, five from 1501; never number 0. */
function newStyle(m: RegExpExecArray): ProfileId | undefined {
  const [, yy = "", mm = "", number = "", version] = m;
  const month = `${yy}${mm}`;
  if (!validMonth(mm) || month < "0704" || /^0+$/.test(number)) return undefined;
  if (month <= "1412" !== (number.length === 4)) return undefined;
  return { id: `${month}.${number}`, ...versionOf(version) };
}

/** Old scheme: a known archive, 9108 to 0703, numbers from 001. */
function oldStyle(m: RegExpExecArray): ProfileId | undefined {
  const [, archive = "", yy = "", mm = "", number = "", version] = m;
  if (!OLD_ARCHIVES.has(archive) || !validMonth(mm) || number === "000") return undefined;
  const month = `${yy}${mm}`;
  const inRange = yy >= "91" ? month >= "9108" : month <= "0703";
  return inRange ? { id: `${archive}/${month}${number}`, ...versionOf(version) } : undefined;
}

/**
 * Reads one paper a reader named: a bare id with or without version (`2601.20273`,
 * `2601.20273v2`, `hep-ex/0101001`, `math.GT/0309136v1`), `arXiv:`-prefixed, or an abs, pdf or
 * html link (`https://arxiv.org/pdf/2601.20273v2.pdf`). Undefined for anything else, including
 * ids arXiv never issued (month 13, a five-digit number before 2015). Linear in the text.
 */
export function parseProfileId(text: string): ProfileId | undefined {
  if (text.length > MAX_PROFILE_ID_TEXT) return undefined;
  let rest = text.trim();
  const link = LINK_PREFIX.exec(rest);
  if (link) {
    rest = rest.slice(link[0].length);
    if (link[1]?.toLowerCase() === "pdf" && rest.endsWith(".pdf")) rest = rest.slice(0, -4);
  } else if (/^arxiv:/i.test(rest)) {
    rest = rest.slice(6);
  }
  const fresh = NEW_STYLE.exec(rest);
  if (fresh) return newStyle(fresh);
  const old = OLD_STYLE.exec(rest);
  return old ? oldStyle(old) : undefined;
}

/** `2601.20273v2`, or `2601.20273` without a version: the text `parseProfileId` reads back. */
export function formatProfileId(paper: ProfileId): string {
  return paper.version === undefined ? paper.id : `${paper.id}v${paper.version}`;
}
