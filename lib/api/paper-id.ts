/** An arXiv id as asked for in `/api/papers/<id>`. */
export interface RequestedId {
  /** Without version: `2604.21952`, or old-style `hep-ex/0101001`. */
  id: string;
  /** The `N` of `vN`, when asked for. */
  version: number | undefined;
}

const NEW_STYLE = /^(\d{4}\.\d{4,5})(?:v([1-9]\d{0,5}))?$/;
// Old style, optionally with a subject class (math.GT/0309136), which arXiv drops in the canonical id.
const OLD_STYLE = /^([a-z]+(?:-[a-z]+)*)(?:\.[A-Za-z]{2})?\/(\d{7})(?:v([1-9]\d{0,5}))?$/;

const versionOf = (text: string | undefined) => (text === undefined ? undefined : Number(text));

/**
 * Parses a whole path segment as an arXiv id, with or without version and an `arXiv:` prefix:
 * `2604.21952`, `2604.21952v2`, `arXiv:2604.21952`, `hep-ex/0101001v1`. Undefined otherwise.
 */
export function parseRequestedId(text: string): RequestedId | undefined {
  const bare = text.trim().replace(/^arxiv:/i, "");
  const fresh = NEW_STYLE.exec(bare);
  if (fresh?.[1]) return { id: fresh[1], version: versionOf(fresh[2]) };
  const old = OLD_STYLE.exec(bare);
  if (old?.[1] && old[2]) return { id: `${old[1]}/${old[2]}`, version: versionOf(old[3]) };
  return undefined;
}
